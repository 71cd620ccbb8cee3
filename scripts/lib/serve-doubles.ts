// Serves the test doubles (test/fakes/) over HTTP, each on its own localhost port, for
// `npm run fakes` (fixed ports) and the benchmarks (free ports). Each double keeps its state
// in memory in this process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { doubles } from "../../test/fakes/index.ts";

export interface ServedDoubles {
  /** Host of the double (`amocrm.fake`) → its base URL (`http://127.0.0.1:8901`). */
  urls: Record<string, string>;
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

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** Serves every double in `ports` (port 0: any free one); doubles without a port are left out. */
export async function serveDoubles(ports: Record<string, number>): Promise<ServedDoubles> {
  const urls: Record<string, string> = {};
  const servers: Server[] = [];
  for (const [host, app] of Object.entries(doubles)) {
    if (ports[host] === undefined) continue;
    let origin = "";
    const server = createServer(async (req, res) => {
      try {
        await send(res, await app.fetch(await toRequest(req, origin)));
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(err instanceof Error ? err.stack : err));
      }
    });
    origin = `http://127.0.0.1:${await listen(server, ports[host])}`;
    urls[host] = origin;
    servers.push(server);
  }
  return {
    urls,
    close: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined),
  };
}
