// Network faults in front of any double (issue 9): the next `count` requests to a host (and,
// optionally, one `METHOD /path`) hang past the connector timeout, answer a status (with
// Retry-After), or lose the connection in the middle of the response body. With
// `after: true` the double handles the request first, so its side effect happens and only
// the answer is lost: the hard case for "never twice". Controlled at http://faults.fake:
// POST /inject {host, match?, kind, count?, status?, retryAfter?, after?, hangMs?},
// POST /reset, GET /state (faults left and how many fired).

export interface Fault {
  host: string;
  /** "POST /api/v4/contacts": only requests with this method and path. */
  match?: string;
  kind: "hang" | "status" | "drop";
  count: number;
  status?: number;
  retryAfter?: number;
  /** Let the double handle the request before the fault (its side effect happens). */
  after?: boolean;
  hangMs?: number;
}

export const FAULTS_HOST = "faults.fake";
/** Longer than the HTTP helper's 15 s timeout. */
const DEFAULT_HANG_MS = 16_000;

let faults: Fault[] = [];
let fired: Array<{ kind: Fault["kind"]; request: string }> = [];

/** Answers the control requests to faults.fake; undefined for any other host. */
export async function faultControl(request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (url.hostname !== FAULTS_HOST) return undefined;
  if (url.pathname === "/inject" && request.method === "POST") {
    const fault = (await request.json()) as Fault;
    faults.push({ ...fault, count: fault.count ?? 1 });
    return Response.json({ ok: true });
  }
  if (url.pathname === "/reset" && request.method === "POST") {
    faults = [];
    fired = [];
    return Response.json({ ok: true });
  }
  if (url.pathname === "/state") return Response.json({ faults, fired });
  return new Response("not found", { status: 404 });
}

/** Sends `request` to `handle` (the double) unless a fault applies to it. */
export async function withFaults(request: Request, handle: (request: Request) => Response | Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  const key = `${request.method} ${url.pathname}`;
  const fault = faults.find((f) => f.count > 0 && url.hostname === f.host && (!f.match || f.match === key));
  if (!fault) return handle(request);
  fault.count -= 1;
  faults = faults.filter((f) => f.count > 0);
  fired.push({ kind: fault.kind, request: key });
  const handled = fault.after ? await handle(request) : undefined;
  if (fault.kind === "hang") {
    await new Promise((resolve) => setTimeout(resolve, fault.hangMs ?? DEFAULT_HANG_MS));
    return new Response("too late", { status: 504 });
  }
  if (fault.kind === "status") {
    await handled?.body?.cancel();
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    return new Response(JSON.stringify({ title: "Injected fault", detail: `HTTP ${fault.status} from the fault layer` }), { status: fault.status ?? 500, headers });
  }
  return dropMidBody(handled ?? new Response(JSON.stringify({ ok: true, padding: "x".repeat(256) }), { headers: { "content-type": "application/json" } }));
}

/** The status and headers arrive, then half the body, then the connection is reset. */
async function dropMidBody(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const half = bytes.slice(0, Math.max(1, Math.floor(bytes.length / 2)));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(half);
      setTimeout(() => controller.error(new Error("connection reset by the fault layer")), 10);
    },
  });
  // The full length is announced and the connection closes after the half: the receiver
  // sees a body cut short, as after a reset.
  const headers = new Headers(response.headers);
  headers.set("content-length", String(bytes.length));
  headers.set("connection", "close");
  return new Response(body, { status: response.status, headers });
}
