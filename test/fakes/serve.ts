// Serves one double (a Hono app) over real HTTP on localhost, for a Worker started outside
// vitest's workerd (`npm start`, the browser tests) to call as if it were the service.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Hono } from "hono";

export interface ServedDouble {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string[]> = {};
  response.headers.forEach((value, name) => void (headers[name] ??= []).push(value));
  // No keep-alive: workerd reuses pooled connections that Node may be closing at that very
  // moment, which a run sees as "Network connection lost".
  headers.connection = ["close"];
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Listens on 127.0.0.1 (`port` 0: any free port) and answers with the double. */
export function serveDouble(app: Hono<any, any, any>, port = 0): Promise<ServedDouble> {
  return new Promise((resolve, reject) => {
    let origin = "";
    const server = createServer(async (req, res) => {
      try {
        await send(res, await app.fetch(await toRequest(req, origin)));
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(err instanceof Error ? err.stack : err));
      }
    });
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ url: origin, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
