// A test double of amoCRM API v4 (a Hono app, runs in Node and in workerd), with the awkward
// parts of the real one: 204 with an empty body for an empty search, `custom_fields_values:
// null`, `enum` instead of `enum_code` (knob), a search index that lags behind writes (knob),
// PATCH replacing a field's values, rotating OAuth refresh tokens (each works once), the
// authorization-code flow (GET /oauth consents at once and redirects to the integration's
// redirect URI; codes work once, for 20 minutes), 7 requests per second.
// Admin endpoints under /__admin/ (state, reset, knobs, seed, delete) are not counted or limited.
import { Hono, type Context } from "hono";

interface FieldValue {
  value: string;
  enum_id?: number;
  enum_code?: string;
}
interface StoredField {
  field_id: number;
  field_code: string;
  field_name: string;
  values: FieldValue[];
}
interface StoredContact {
  id: number;
  name: string;
  first_name: string;
  last_name: string;
  responsible_user_id: number;
  tags: Array<{ id: number; name: string }>;
  fields: StoredField[];
  created_at: number;
  /** Milliseconds: when the contact becomes visible to search. */
  writtenAtMs: number;
}

export interface AmoFakeKnobs {
  /** Contacts written less than this long ago are invisible to search (visible by id). */
  searchLagMs: number;
  /** Requests allowed in any 1-second window; the next one gets 429. */
  rps: number;
  /** The key multitext values carry their enum under. */
  enumKey: "enum_code" | "enum";
  /** The next `count` API requests answer `status` (problem+json). */
  failNext: { count: number; status: number; retryAfter?: number; body?: Record<string, unknown> } | null;
  /** Access tokens and whether they are still valid. */
  tokens: Record<string, "valid" | "expired">;
  /** Refresh tokens that may be used (once: each use rotates it). */
  refreshTokens: string[];
  /** The external integration: its ID, secret and the redirect URI set in amoCRM. */
  client: { client_id: string; client_secret: string; redirect_uri: string };
  /** What the user does on the consent page. */
  consent: "allow" | "deny";
  /** The largest page the double serves (the real cap is 250); lower it to test pagination. */
  maxLimit: number;
}

const FIELD_IDS: Record<string, { id: number; name: string; enums: Record<string, number> }> = {
  PHONE: { id: 1001, name: "Телефон", enums: { WORK: 1, WORKDD: 2, MOB: 3, FAX: 4, HOME: 5, OTHER: 6 } },
  EMAIL: { id: 1002, name: "Email", enums: { WORK: 11, PRIV: 12, OTHER: 13 } },
};

function defaultKnobs(): AmoFakeKnobs {
  return {
    searchLagMs: 0,
    rps: 7,
    enumKey: "enum_code",
    failNext: null,
    tokens: { "test-token": "valid" },
    refreshTokens: [],
    client: { client_id: "test-client", client_secret: "test-secret", redirect_uri: "http://localhost/api/v1/oauth/callback" },
    consent: "allow",
    maxLimit: 250,
  };
}

const state = {
  contacts: new Map<number, StoredContact>(),
  nextId: 1,
  requests: {} as Record<string, number>,
  creates: 0,
  refreshes: 0,
  issued: 0,
  window: [] as number[],
  /** Authorization codes issued by GET /oauth. */
  codes: new Map<string, { client_id: string; expiresAt: number; used: boolean }>(),
  knobs: defaultKnobs(),
};

const CODE_LIFETIME_MS = 20 * 60_000;

function reset() {
  state.contacts.clear();
  state.nextId = 1;
  state.requests = {};
  state.creates = 0;
  state.refreshes = 0;
  state.issued = 0;
  state.window = [];
  state.codes.clear();
  state.knobs = defaultKnobs();
}

const problem = (c: Context, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) =>
  c.body(JSON.stringify({ type: "https://httpstatus.es/" + status, title, status, detail, ...extra }), status as 400, {
    "Content-Type": "application/problem+json",
  });

const hal = (c: Context, body: unknown, status = 200) => c.body(JSON.stringify(body), status as 200, { "Content-Type": "application/hal+json" });

function toFields(input: unknown): StoredField[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((raw: { field_code?: string; field_id?: number; values?: Array<{ value?: unknown; enum_code?: string; enum_id?: number }> }) => {
    const code = raw.field_code ?? Object.keys(FIELD_IDS).find((key) => FIELD_IDS[key].id === raw.field_id);
    if (!code || !FIELD_IDS[code]) return [];
    const meta = FIELD_IDS[code];
    const values = (raw.values ?? []).map((v) => {
      const enumCode = v.enum_code ?? Object.keys(meta.enums).find((key) => meta.enums[key] === v.enum_id) ?? "WORK";
      return { value: String(v.value ?? ""), enum_code: enumCode, enum_id: meta.enums[enumCode] };
    });
    return [{ field_id: meta.id, field_code: code, field_name: meta.name, values }];
  });
}

function tagsOf(body: { _embedded?: { tags?: Array<{ name?: string }> }; tags_to_add?: Array<{ name?: string }> }) {
  return [...(body._embedded?.tags ?? []), ...(body.tags_to_add ?? [])].map((tag, i) => ({ id: 100 + i, name: String(tag.name ?? "") }));
}

function render(contact: StoredContact, origin: string) {
  const enumKey = state.knobs.enumKey;
  return {
    id: contact.id,
    name: contact.name,
    first_name: contact.first_name,
    last_name: contact.last_name,
    responsible_user_id: contact.responsible_user_id,
    group_id: 0,
    created_by: 0,
    updated_by: 0,
    created_at: contact.created_at,
    updated_at: contact.created_at,
    closest_task_at: null,
    is_deleted: false,
    account_id: 1,
    custom_fields_values: contact.fields.length
      ? contact.fields.map((field) => ({
          field_id: field.field_id,
          field_name: field.field_name,
          field_code: field.field_code,
          field_type: "multitext",
          values: field.values.map((v) => ({ value: v.value, enum_id: v.enum_id, [enumKey]: v.enum_code })),
        }))
      : null,
    _links: { self: { href: `${origin}/api/v4/contacts/${contact.id}` } },
    _embedded: { tags: contact.tags, companies: [] },
  };
}

function matches(contact: StoredContact, query: string): boolean {
  const q = query.toLowerCase();
  const digits = query.replace(/\D/g, "");
  if ([contact.name, contact.first_name, contact.last_name].some((text) => text.toLowerCase().includes(q))) return true;
  return contact.fields.some((field) =>
    field.values.some((v) => v.value.toLowerCase().includes(q) || (field.field_code === "PHONE" && digits.length >= 3 && v.value.replace(/\D/g, "").includes(digits))),
  );
}

function createContact(raw: Record<string, unknown>, writtenAtMs = Date.now()): StoredContact {
  const contact: StoredContact = {
    id: state.nextId++,
    name: String(raw.name ?? [raw.first_name, raw.last_name].filter(Boolean).join(" ")),
    first_name: String(raw.first_name ?? ""),
    last_name: String(raw.last_name ?? ""),
    responsible_user_id: Number(raw.responsible_user_id ?? 1),
    tags: tagsOf(raw),
    fields: toFields(raw.custom_fields_values),
    created_at: Math.floor(writtenAtMs / 1000),
    writtenAtMs,
  };
  state.contacts.set(contact.id, contact);
  return contact;
}

const pattern = (method: string, path: string) => `${method} ${path.replace(/\/\d+(?=\/|$)/g, "/:id")}`;

export const amocrmFake = new Hono();

amocrmFake.get("/__admin/state", (c) =>
  c.json({
    contacts: [...state.contacts.values()].map((contact) => render(contact, new URL(c.req.url).origin)),
    requests: state.requests,
    creates: state.creates,
    refreshes: state.refreshes,
    knobs: state.knobs,
  }),
);
amocrmFake.post("/__admin/reset", (c) => {
  reset();
  return c.json({ ok: true });
});
amocrmFake.post("/__admin/knobs", async (c) => {
  Object.assign(state.knobs, await c.req.json());
  return c.json(state.knobs);
});
/** Seeds contacts (request shape: name, custom_fields_values…) without touching counters or the search lag. */
amocrmFake.post("/__admin/contacts", async (c) => {
  const list = (await c.req.json()) as Array<Record<string, unknown>>;
  const ids = list.map((raw) => createContact(raw, 0).id);
  return c.json({ ids });
});

/** Deletes contacts, as a user does in amoCRM's interface (API v4 itself cannot). */
amocrmFake.post("/__admin/delete-contacts", async (c) => {
  const { ids } = (await c.req.json()) as { ids: number[] };
  for (const id of ids) state.contacts.delete(id);
  return c.json({ ok: true });
});

amocrmFake.use("*", async (c, next) => {
  if (c.req.path.startsWith("/__admin/")) return next();
  const key = pattern(c.req.method, c.req.path);
  state.requests[key] = (state.requests[key] ?? 0) + 1;
  const now = Date.now();
  state.window = state.window.filter((t) => now - t < 1000);
  if (state.window.length >= state.knobs.rps) {
    c.header("Retry-After", "1");
    return problem(c, 429, "Too Many Requests", "Rate limit exceeded");
  }
  state.window.push(now);
  const fail = state.knobs.failNext;
  if (fail && fail.count > 0) {
    fail.count--;
    if (fail.count === 0) state.knobs.failNext = null;
    if (fail.retryAfter !== undefined) c.header("Retry-After", String(fail.retryAfter));
    return problem(c, fail.status, "Injected failure", `Status ${fail.status} from failNext`, fail.body);
  }
  if (c.req.path === "/oauth2/access_token" || c.req.path === "/oauth") return next();
  const token = (c.req.header("Authorization") ?? "").replace(/^Bearer /, "");
  if (state.knobs.tokens[token] !== "valid") return problem(c, 401, "Unauthorized", "Token is expired or invalid");
  return next();
});

amocrmFake.post("/oauth2/access_token", async (c) => {
  const body = (await c.req.json().catch(() => ({}))) as Record<string, string>;
  const { client_id, client_secret } = state.knobs.client;
  if (body.client_id !== client_id || body.client_secret !== client_secret) return problem(c, 401, "Unauthorized", "Client authentication failed");
  if (body.grant_type === "authorization_code") {
    const code = state.codes.get(body.code);
    if (!code || code.used || code.expiresAt < Date.now() || code.client_id !== body.client_id) {
      return problem(c, 400, "Bad Request", "Authorization code has been revoked", { hint: "Authorization code has been revoked" });
    }
    code.used = true;
    if (body.redirect_uri !== state.knobs.client.redirect_uri) return problem(c, 400, "Bad Request", "Redirect URI mismatch");
    return c.json(issueTokens());
  }
  if (body.grant_type !== "refresh_token") return problem(c, 400, "Bad Request", "Unsupported grant_type");
  const index = state.knobs.refreshTokens.indexOf(body.refresh_token);
  if (index < 0) return problem(c, 400, "Bad Request", "Token has been revoked", { hint: "Token has been revoked" });
  state.refreshes++;
  // Rotation: the used refresh token stops working at once.
  state.knobs.refreshTokens.splice(index, 1);
  return c.json(issueTokens());
});

/** A new access token (valid) and refresh token (usable once). */
function issueTokens() {
  state.issued++;
  const access = `access-${state.issued}`;
  const refresh = `refresh-${state.issued}`;
  state.knobs.refreshTokens.push(refresh);
  state.knobs.tokens[access] = "valid";
  return { token_type: "Bearer", expires_in: 86400, access_token: access, refresh_token: refresh };
}

/** The consent page: the user allows (or denies) at once; amoCRM names the account in `referer`. */
amocrmFake.get("/oauth", (c) => {
  const { client } = state.knobs;
  if (c.req.query("client_id") !== client.client_id) return c.text("Integration not found", 400);
  const back = new URL(client.redirect_uri);
  const stateParam = c.req.query("state") ?? "";
  if (state.knobs.consent === "deny") {
    back.search = new URLSearchParams({ error: "access_denied", state: stateParam }).toString();
  } else {
    const code = `code-${crypto.randomUUID()}`;
    state.codes.set(code, { client_id: client.client_id, expiresAt: Date.now() + CODE_LIFETIME_MS, used: false });
    back.search = new URLSearchParams({ code, state: stateParam, referer: new URL(c.req.url).host, client_id: client.client_id }).toString();
  }
  return c.redirect(back.toString(), 302);
});

amocrmFake.get("/api/v4/account", (c) => hal(c, { id: 1, name: "Fake account", subdomain: "fake", country: "RU", currency: "RUB" }));

amocrmFake.get("/api/v4/contacts", (c) => {
  const query = c.req.query("query");
  const origin = new URL(c.req.url).origin;
  const page = Math.max(1, Number(c.req.query("page") ?? 1) || 1);
  const limit = Math.min(state.knobs.maxLimit, 250, Math.max(1, Number(c.req.query("limit") ?? 50) || 50));
  if (query === "") return c.body(null, 204);
  const visibleAfter = Date.now() - state.knobs.searchLagMs;
  const found = [...state.contacts.values()].filter((contact) => query === undefined || (contact.writtenAtMs <= visibleAfter && matches(contact, query)));
  const slice = found.slice((page - 1) * limit, page * limit);
  if (slice.length === 0) return c.body(null, 204);
  const link = (p: number) => {
    const url = new URL("/api/v4/contacts", origin);
    if (query !== undefined) url.searchParams.set("query", query);
    url.searchParams.set("page", String(p));
    url.searchParams.set("limit", String(limit));
    return { href: url.toString() };
  };
  return hal(c, {
    _page: page,
    _links: { self: link(page), ...(page * limit < found.length ? { next: link(page + 1) } : {}) },
    _embedded: { contacts: slice.map((contact) => render(contact, origin)) },
  });
});

amocrmFake.get("/api/v4/contacts/:id", (c) => {
  const contact = state.contacts.get(Number(c.req.param("id")));
  return contact ? hal(c, render(contact, new URL(c.req.url).origin)) : c.body(null, 204);
});

amocrmFake.post("/api/v4/contacts", async (c) => {
  const body = await c.req.json().catch(() => undefined);
  if (!Array.isArray(body)) {
    return problem(c, 400, "Bad Request", "Request body must be an array", {
      "validation-errors": [{ request_id: "0", errors: [{ code: "InvalidType", path: "", detail: "This value should be of type array." }] }],
    });
  }
  const origin = new URL(c.req.url).origin;
  const created = body.map((raw: Record<string, unknown>, i) => {
    const contact = createContact(raw);
    state.creates++;
    return { id: contact.id, request_id: String(raw.request_id ?? i), _links: { self: { href: `${origin}/api/v4/contacts/${contact.id}` } } };
  });
  return hal(c, { _links: { self: { href: `${origin}/api/v4/contacts` } }, _embedded: { contacts: created } });
});

amocrmFake.patch("/api/v4/contacts/:id", async (c) => {
  const contact = state.contacts.get(Number(c.req.param("id")));
  if (!contact) return problem(c, 404, "Not Found", "Contact not found");
  const body = (await c.req.json()) as Record<string, unknown>;
  for (const key of ["name", "first_name", "last_name"] as const) if (typeof body[key] === "string") contact[key] = body[key] as string;
  if (body.responsible_user_id !== undefined) contact.responsible_user_id = Number(body.responsible_user_id);
  // The values sent for a field replace all its values (the likely real behaviour).
  for (const field of toFields(body.custom_fields_values)) {
    contact.fields = [...contact.fields.filter((f) => f.field_code !== field.field_code), field];
  }
  contact.tags.push(...tagsOf({ tags_to_add: body.tags_to_add as Array<{ name?: string }> | undefined }));
  const origin = new URL(c.req.url).origin;
  return hal(c, { _embedded: { contacts: [{ id: contact.id, name: contact.name, updated_at: Math.floor(Date.now() / 1000), _links: { self: { href: `${origin}/api/v4/contacts/${contact.id}` } } }] } });
});
