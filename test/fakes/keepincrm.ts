// A test double of the KeepinCRM API (a Hono app, runs in Node and in workerd): agreements
// and clients, `X-Auth-Token` auth, `{items, pagination}` lists, 404/422 error bodies.
// The client filters `q[phones_cont]` / `q[emails_cont]` are the connector's guess at the
// Ransack names (unconfirmed); the double implements the same names.
// Admin endpoints under /__admin/ (state, reset, knobs, seed) are not counted or checked.
import { Hono, type Context } from "hono";

interface Client {
  id: number;
  person: string;
  company: string | null;
  lead: boolean;
  phones: string[];
  emails: string[];
  status: { id: number; name: string; color: string; kind: string };
}
interface Agreement {
  id: number;
  title: string;
  total: number;
  comment: string | null;
  stage_id: number | null;
  client_id: number | null;
  custom_fields: Array<{ name: string; value: unknown }>;
  created_at: string;
  updated_at: string;
}

export interface KeepinFakeKnobs {
  apiKey: string;
  /** The next `count` API requests answer `status`. */
  failNext: { count: number; status: number; retryAfter?: number } | null;
  perPage: number;
}

const STATUSES = [
  { id: 1, name: "Новий", color: "#2196f3", kind: "new" },
  { id: 2, name: "Постійний", color: "#4caf50", kind: "regular" },
];

const defaultKnobs = (): KeepinFakeKnobs => ({ apiKey: "test-key", failNext: null, perPage: 20 });

const state = {
  agreements: new Map<number, Agreement>(),
  clients: new Map<number, Client>(),
  nextId: 1,
  requests: {} as Record<string, number>,
  creates: 0,
  knobs: defaultKnobs(),
};

function reset() {
  state.agreements.clear();
  state.clients.clear();
  state.nextId = 1;
  state.requests = {};
  state.creates = 0;
  state.knobs = defaultKnobs();
}

function page<T>(c: Context, items: T[]) {
  const perPage = state.knobs.perPage;
  const current = Math.max(1, Number(c.req.query("page") ?? 1) || 1);
  return c.json({
    items: items.slice((current - 1) * perPage, current * perPage),
    pagination: { total_pages: Math.max(1, Math.ceil(items.length / perPage)), current_page: current, total_count: items.length },
  });
}

function addClient(raw: Record<string, unknown>): Client {
  const client: Client = {
    id: state.nextId++,
    person: String(raw.person ?? ""),
    company: (raw.company as string | undefined) ?? null,
    lead: Boolean(raw.lead ?? true),
    phones: ((raw.phones as unknown[] | undefined) ?? []).map(String),
    emails: [...((raw.emails as unknown[] | undefined) ?? []), ...(raw.email ? [raw.email] : [])].map(String),
    status: STATUSES[0],
  };
  state.clients.set(client.id, client);
  return client;
}

function addAgreement(raw: Record<string, unknown>): Agreement {
  const now = new Date().toISOString();
  const attributes = raw.client_attributes as Record<string, unknown> | undefined;
  const clientId = raw.client_id !== undefined ? Number(raw.client_id) : attributes ? addClient(attributes).id : null;
  const agreement: Agreement = {
    id: state.nextId++,
    title: String(raw.title),
    total: Number(raw.total),
    comment: (raw.comment as string | undefined) ?? null,
    stage_id: raw.stage_id !== undefined ? Number(raw.stage_id) : null,
    client_id: clientId,
    custom_fields: (raw.custom_fields as Agreement["custom_fields"] | undefined) ?? [],
    created_at: now,
    updated_at: now,
  };
  state.agreements.set(agreement.id, agreement);
  return agreement;
}

const notFound = (c: Context) => c.json({ message: "Not found" }, 404);
const pattern = (method: string, path: string) => `${method} ${path.replace(/\/\d+(?=\/|$)/g, "/:id")}`;

const api = new Hono();

api.get("/__admin/state", (c) =>
  c.json({ agreements: [...state.agreements.values()], clients: [...state.clients.values()], requests: state.requests, creates: state.creates, knobs: state.knobs }),
);
api.post("/__admin/reset", (c) => {
  reset();
  return c.json({ ok: true });
});
api.post("/__admin/knobs", async (c) => {
  Object.assign(state.knobs, await c.req.json());
  return c.json(state.knobs);
});
/** Seeds `{clients: [...], agreements: [...]}` (request shapes), returns their ids. */
api.post("/__admin/seed", async (c) => {
  const body = (await c.req.json()) as { clients?: Array<Record<string, unknown>>; agreements?: Array<Record<string, unknown>> };
  return c.json({ clients: (body.clients ?? []).map((raw) => addClient(raw).id), agreements: (body.agreements ?? []).map((raw) => addAgreement(raw).id) });
});

api.use("*", async (c, next) => {
  if (c.req.path.includes("/__admin/")) return next();
  const key = pattern(c.req.method, c.req.path);
  state.requests[key] = (state.requests[key] ?? 0) + 1;
  const fail = state.knobs.failNext;
  if (fail && fail.count > 0) {
    fail.count--;
    if (fail.count === 0) state.knobs.failNext = null;
    if (fail.retryAfter !== undefined) c.header("Retry-After", String(fail.retryAfter));
    return c.json({ message: `Injected failure ${fail.status}` }, fail.status as 500);
  }
  if (c.req.header("X-Auth-Token") !== state.knobs.apiKey) return c.json({ errors: ["Invalid auth token"] }, 401);
  return next();
});

api.get("/clients/statuses", (c) => page(c, STATUSES));

api.get("/clients", (c) => {
  const phone = c.req.query("q[phones_cont]")?.replace(/\D/g, "");
  const email = c.req.query("q[emails_cont]")?.toLowerCase();
  const clients = [...state.clients.values()].filter(
    (client) =>
      (!phone || client.phones.some((p) => p.replace(/\D/g, "").includes(phone))) &&
      (!email || client.emails.some((e) => e.toLowerCase().includes(email))),
  );
  return page(c, clients);
});

api.get("/agreements", (c) => {
  const clientId = c.req.query("q[client_id_eq]");
  return page(c, [...state.agreements.values()].filter((a) => clientId === undefined || String(a.client_id) === clientId));
});

api.get("/agreements/:id", (c) => {
  const agreement = state.agreements.get(Number(c.req.param("id")));
  return agreement ? c.json(agreement) : notFound(c);
});

api.post("/agreements", async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
  const errors: Record<string, string[]> = {};
  for (const field of ["title", "total"]) if (body[field] === undefined || body[field] === "") errors[field] = ["is required"];
  if (Object.keys(errors).length) return c.json({ message: "Validation failed", errors }, 422);
  state.creates++;
  return c.json(addAgreement(body), 201);
});

api.patch("/agreements/:id", async (c) => {
  const agreement = state.agreements.get(Number(c.req.param("id")));
  if (!agreement) return notFound(c);
  const body = (await c.req.json().catch(() => ({}))) as Partial<Agreement>;
  if (body.title === "") return c.json({ message: "Validation failed", errors: { title: ["can't be blank"] } }, 422);
  Object.assign(agreement, body, { id: agreement.id, updated_at: new Date().toISOString() });
  return c.json(agreement);
});

/** Served under /v1 (like the real base URL) and at the root, so either base_url works. */
export const keepincrmFake = new Hono().route("/v1", api).route("/", api);
