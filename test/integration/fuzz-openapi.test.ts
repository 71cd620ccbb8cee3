// The fuzz stage of issue 18: every operation of /api/v1/openapi.json is sent generated input —
// valid from its schemas, broken in one place, mutated past any schema (extra fields, huge
// strings, nesting, other JSON, not JSON, other media types, no body) — as the workspace's owner
// (by token, or by session cookie with and without our Origin; now and then with no or a bad
// credential; in English, Russian or a garbled Accept-Language), with path parameters that are
// real ids of the workspace's objects or random ones, and query parameters of the schema. The rule: no 5xx; every 4xx is {error: {code, message, path}} with
// strings; no answer shows a stack trace or SQL. Arbitraries come from the document itself
// (test/fuzz/json-schema-arbitrary.ts), so a new route is fuzzed as soon as it is documented.
//
// One seed for the file (printed; FUZZ_SEED=<n> repeats it), one fast-check run per operation
// whose seed is derived from it and the operation's name; FUZZ_CASES=<n> changes the cases per
// operation. Deletes, and edits that would change what later cases rely on, act on an object
// made for the case; log-out uses a session of its own; it and the settings change run last.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sheetsKeepin from "../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";
import vkAmo from "../fixtures/spec-examples/vk-amocrm-dedup.json";
import { bodyMutations, createSchemaArbitraries, type JsonSchema, type SchemaDocument } from "../fuzz/json-schema-arbitrary";
import { fuzzSeed, mutate, prng } from "../fuzz/random";
import { call, type CallOptions, ORIGIN } from "./support/api";
import { createBundle, manualBundle, scheduleBundle, webhookBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { forceRun, waitForRun } from "./support/runs";
import { signUp, signUpMember, type User } from "./support/workspace";

const CASES = Number(import.meta.env.FUZZ_CASES) || 40;
const SEED = fuzzSeed("openapi");

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
}
type Document = SchemaDocument & { paths: Record<string, Record<string, Operation>> };
interface App {
  app: string;
  connection: { schema: JsonSchema } | null;
  oauth?: { fields: string[] };
}

type Body = { kind: "none" } | { kind: string; json: unknown } | { kind: string; raw: string; contentType: string };
/** owner: the owner's bearer token; cookie: the owner's session cookie without an Origin (a cross-site write), site: with ours. */
type Auth = "owner" | "none" | "garbage" | "cookie" | "site";
/** A path parameter: the real object's id (resolved when the case runs) or a random segment. */
type PathValue = { real: true } | { raw: string };
interface Case {
  auth: Auth;
  language?: string;
  params: Record<string, PathValue>;
  query: Array<[string, string]>;
  body: Body;
}

/** Text that must never reach a client: stack frames and the database's words (ours, D1's and drizzle's lower-case SQL). */
const LEAK =
  /\bat (?:async )?[\w$.<>[\] ]+ \([^)]*:\d+:\d+\)|\\n\s+at \S|\bSQLITE_[A-Z]+|\bD1_[A-Z_]*ERROR|no such (?:table|column)|SQL logic error|: syntax error|Failed query|\b(?:SELECT \S.* FROM|INSERT INTO|DELETE FROM|UPDATE \S+ SET) |\b(?:select|insert into|delete from|update) \\?"/;

const manual = (name: string, steps: unknown[] = [{ id: "s", kind: "stop", reason: "{{start.x}}" }]) => manualBundle({ name, steps });

/** What the cases act on: one workspace of an owner with an object of each kind. */
interface Fixtures {
  owner: User;
  /** Another user, whose invitations to the owner's email the invitee's routes accept and decline. */
  inviter: User;
  ws: string;
  ids: Record<string, string[]>;
  /** The bundle whose steps `{step_id}` names. */
  stepsBundle: string;
  stepIds: string[];
  shareToken: string;
  connectionId: string;
  runIds: string[];
  bundleDocs: unknown[];
  /** A `next_cursor` each paged list gave out, by path. */
  cursors: Record<string, string>;
}

async function created(res: Promise<{ status: number; json: any; text: string }>) {
  const r = await res;
  if (r.status !== 201 && r.status !== 200) throw new Error(`fixture not made: ${r.status} ${r.text}`);
  return r.json;
}

async function makeFixtures(): Promise<Fixtures> {
  const owner = await signUp("fuzz-openapi");
  const ws = owner.workspaceId;
  const token = owner.token;
  // Room for the bundles the cases create (the default quota is 100).
  await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, bundles) VALUES (?, 100000)").bind(ws).run();
  const member = await signUpMember(owner, "editor", "fuzz-openapi-member");
  const inviter = await signUp("fuzz-openapi-inviter");
  const connection = await telegramConnection(owner, { name: "Bot" });
  const notify = [
    { id: "first", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "{{start.chat}}", text: "Order {{start.order}}" } },
    { id: "gate", kind: "filter", when: { left: "{{first.$ok}}", op: "eq", right: "1" } },
    { id: "second", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "{{start.chat}}", text: "Again {{start.order}}" } },
  ];
  const bundleDocs = [
    manual("stop"),
    manual("notify", notify),
    webhookBundle({ name: "hook", options: { respond: "got {{hook.x}}" }, steps: [{ id: "s", kind: "stop" }] }),
    scheduleBundle({ every_minutes: 5 }, { name: "tick", steps: [{ id: "s", kind: "stop" }] }),
  ];
  const bundles: string[] = [];
  for (const doc of bundleDocs) bundles.push(await createBundle(owner, doc));
  const runIds = [await forceRun(owner, bundles[0], { x: 1 }), await forceRun(owner, bundles[1], { chat: "555000111", order: "A-1" })];
  for (const id of runIds) await waitForRun(owner, id);
  const key = await created(call("POST", `/api/v1/w/${ws}/api-keys`, { token, body: { name: "fuzz" } }));
  const share = await created(call("POST", `/api/v1/w/${ws}/bundles/${bundles[0]}/shares`, { token, body: { embed: { frame_ancestors: ["https://example.com"], show_runs: 3 } } }));
  const cursors: Record<string, string> = {};
  for (const list of ["runs", "audit"]) cursors[`/w/{ws}/${list}`] = (await created(call("GET", `/api/v1/w/${ws}/${list}?limit=1`, { token }))).next_cursor;
  return {
    owner,
    inviter,
    cursors,
    ws,
    ids: { bundles, runs: runIds, connections: [connection], members: [member.userId], "api-keys": [key.id], shares: [share.id], invitations: [] },
    stepsBundle: bundles[1],
    stepIds: ["first", "gate", "second"],
    shareToken: share.token,
    connectionId: connection,
    runIds,
    bundleDocs,
  };
}

/** Makes an object for one case of a delete or an edit, so the fixtures stay as they are. */
async function freshObject(fx: Fixtures, resource: string): Promise<string> {
  const { token } = fx.owner;
  const base = `/api/v1/w/${fx.ws}`;
  switch (resource) {
    case "bundles":
      return createBundle(fx.owner, manual("fresh"));
    case "connections":
      return telegramConnection(fx.owner, { name: "fresh" });
    case "api-keys":
      return (await created(call("POST", `${base}/api-keys`, { token, body: { name: "fresh" } }))).id;
    case "members":
      return (await created(call("POST", `${base}/members`, { token, body: { email: `fresh-${crypto.randomUUID().slice(0, 8)}@example.com`, role: "viewer" } }))).id;
    case "shares":
      return (await created(call("POST", `${base}/bundles/${fx.ids.bundles[0]}/shares`, { token, body: {} }))).id;
    case "invitations": {
      // An invitation to the owner's email, each from a workspace of its own (one accepted makes the owner a member there).
      const inviter = fx.inviter.token;
      const workspace = await created(call("POST", "/api/v1/workspaces", { token: inviter, body: { name: "inviting" } }));
      return (await created(call("POST", `/api/v1/w/${workspace.id}/members`, { token: inviter, body: { email: fx.owner.email, role: "viewer" } }))).id;
    }
    default:
      throw new Error(`no fresh ${resource}`);
  }
}

/** The operations that change, use up or remove the object their `{id}` names: they get one made for the case. */
const OWN_OBJECT = new Set(["PUT /w/{ws}/bundles/{id}", "PATCH /w/{ws}/connections/{id}", "POST /me/invitations/{id}/accept", "POST /me/invitations/{id}/decline"]);
const needsOwnObject = (method: string, path: string) => path.includes("{id}") && (method === "DELETE" || OWN_OBJECT.has(`${method} ${path}`));

/** Run order: reads, then creates and actions, edits, deletes, and last what changes the whole workspace or the session. */
function rank(method: string, path: string): number {
  if (`${method} ${path}` === "PATCH /w/{ws}/settings" || path === "/auth/logout") return 4;
  return { GET: 0, POST: 1, PUT: 2, PATCH: 2, DELETE: 3 }[method] ?? 1;
}

/** A seed for fast-check per operation: the file's seed and the operation's name, so one operation repeats alone. */
function seedFor(name: string): number {
  let h = SEED | 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

const RANDOM_SEGMENT = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 1, maxLength: 10, unit: "grapheme" }),
  fc.constantFrom("0", "-1", "1.5", "null", "undefined", "%00", "'", "x".repeat(3000), "ws_123", "b_" + "0".repeat(26)),
);

const CRON_FIELD = fc.oneof(
  fc.constantFrom("*", "*/15", "1-5", "MON-FRI", "JAN", "L", "5#2", "?", "0,30", "*/0", "9-1"),
  fc.nat(99).map(String),
  fc.tuple(fc.nat(70), fc.nat(70)).map(([a, b]) => `${a}-${b}`),
);

const NASTY_QUERY = fc.constantFrom("", " ", "%", "null", "[object Object]", "-1", "0", "1e999", "NaN", "x".repeat(3000), "\u0000", "2026-02-30", "9999-12-31T23:59:59Z");

// Read at collection time: the list of operations is the list of tests.
const doc = (await call("GET", "/api/v1/openapi.json")).json as Document;
const OPERATIONS = Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })))
  .sort((a, b) => rank(a.method, a.path) - rank(b.method, b.path));

/** The path parameters the fixtures have real values for; `{id}` by the resource before it. */
const KNOWN_PARAMS = ["ws", "step_id", "version", "token"];
const ID_RESOURCES = ["bundles", "runs", "connections", "members", "api-keys", "shares", "invitations"];

describe("every OpenAPI operation under generated input", () => {
  let fx: Fixtures;
  let arbs: ReturnType<typeof createSchemaArbitraries>;
  let apps: App[];
  const counts = { operations: 0, cases: 0 };
  /** Answers by status class for each operation, printed at the end: how many cases got past validation. */
  const answers: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    apps = (await call("GET", "/api/v1/apps")).json.apps;
    arbs = createSchemaArbitraries(doc);
    fx = await makeFixtures();
  }, 120_000);

  afterAll(() => {
    const byOperation = Object.entries(answers).map(([op, by]) => `  ${op}: ${Object.entries(by).sort().map(([status, n]) => `${status}×${n}`).join(" ")}`);
    console.log(`[fuzz] openapi: ${counts.operations} operations, ${counts.cases} cases (seed ${SEED}, ${CASES} a operation)\n${byOperation.join("\n")}`);
  });

  /** Known-good bodies that reach past validation (the schemas alone rarely make a working bundle or connection). */
  function seedBodies(method: string, path: string): fc.Arbitrary<unknown>[] {
    // The fixtures' documents and the spec's two examples (whose connections are placeholders).
    const documents = fc.constantFrom(...fx.bundleDocs, vkAmo, sheetsKeepin);
    const placeholders = { amo: fx.connectionId, vk_group: fx.connectionId, keepin: fx.connectionId, sheets: fx.connectionId, tg_alerts: fx.connectionId };
    const withConnections = apps.filter((a) => a.connection);
    const connectionBody = (app: App, keep?: string[]) => {
      const schema = app.connection!.schema;
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !keep || keep.includes(k)));
      const fields = arbs.valid({ ...schema, properties, required: (schema.required ?? []).filter((k) => k in properties) });
      return fc.record({ app: fc.constant(app.app), name: fc.string({ minLength: 1, maxLength: 30 }), fields });
    };
    switch (`${method} ${path}`) {
      case "POST /auth/login":
        return [fc.constant({ email: fx.owner.email, password: fx.owner.password }), fc.constant({ email: fx.owner.email, password: "wrong password" })];
      case "POST /w/{ws}/bundles":
      case "PUT /w/{ws}/bundles/{id}":
        return [documents, documents, fc.tuple(documents, fc.integer()).map(([d, n]) => mutate(prng(n), d))];
      case "POST /w/{ws}/bundles/import":
        return [documents.map((bundle) => ({ bundle, connections: {} })), documents.map((bundle) => ({ ...(bundle as object), connections: placeholders }))];
      case "POST /w/{ws}/connections":
        return [fc.constantFrom(...withConnections).chain((app) => connectionBody(app))];
      case "POST /w/{ws}/connections/oauth/start":
        return [fc.constantFrom(...withConnections.filter((a) => a.oauth)).chain((app) => connectionBody(app, app.oauth!.fields))];
      case "PATCH /w/{ws}/connections/{id}":
        return [fc.record({ name: fc.string({ minLength: 1, maxLength: 30 }), fields: arbs.valid(apps.find((a) => a.app === "telegram")!.connection!.schema) }, { requiredKeys: [] })];
      case "POST /w/{ws}/bundles/{id}/run":
        return [fc.record({ payload: fc.record({ chat: fc.constant("555000111"), order: fc.string(), x: fc.jsonValue({ maxDepth: 2 }) }), save_as_test_data: fc.boolean() }, { requiredKeys: ["payload"] })];
      case "POST /w/{ws}/bundles/{id}/steps/{step_id}/test":
        return [fc.record({ trigger: fc.record({ chat: fc.constant("555000111"), order: fc.string() }) })];
      case "POST /w/{ws}/runs/retry":
        return [fc.record({ run_ids: fc.subarray(fx.runIds, { minLength: 1 }), from: fc.constantFrom("start", "failed_step") })];
      case "POST /schedule/next-runs":
        return [
          fc.record({
            schedule: fc.oneof(
              fc.record({ every_minutes: fc.integer({ min: 1, max: 10080 }) }),
              fc.record({ at: fc.array(fc.constantFrom("09:00", "23:59", "00:00"), { minLength: 1, maxLength: 3 }), timezone: fc.constantFrom("Europe/Moscow", "UTC", "Asia/Kolkata") }),
              // Five fields of numbers, ranges, steps and names, in range or not (`61 * * * *`, `0 0 31 2 *` never fire).
              fc.record({ cron: fc.array(CRON_FIELD, { minLength: 5, maxLength: 5 }).map((fields) => fields.join(" ")), timezone: fc.constantFrom("Europe/Moscow", "UTC", "Mars/Olympus") }, { requiredKeys: ["cron"] }),
            ),
            count: fc.integer({ min: 1, max: 20 }),
          }),
        ];
      case "POST /w/{ws}/shares/use":
        return [fc.constant({ token: fx.shareToken, connections: {} }), fc.constant({ token: fx.shareToken, connections: { conn: fx.connectionId } })];
      case "PATCH /w/{ws}/settings":
        return [
          fc.record(
            {
              timezone: fc.constantFrom("Europe/Moscow", "UTC", "America/New_York"),
              phone_country: fc.constantFrom("RU", "KZ", "US"),
              notify_on_failure: fc.oneof(fc.constant(null), fc.constant({ connection: fx.connectionId, chat_id: "555000111" })),
              ledger_shards: fc.integer({ min: 1, max: 4 }),
            },
            { requiredKeys: [] },
          ),
        ];
      default:
        return [];
    }
  }

  function bodyArbitrary(method: string, path: string, op: Operation): fc.Arbitrary<Body> {
    const schema = op.requestBody?.content["application/json"]?.schema;
    const none = fc.constant<Body>({ kind: "none" });
    const junk = bodyMutations({}).map((m): Body => ("raw" in m ? { kind: "malformed", raw: m.raw, contentType: "application/json" } : { kind: "other JSON", json: m.json }));
    // fetch refuses a GET with a body before it is sent.
    if (method === "GET") return none;
    if (!schema) return fc.oneof({ weight: 4, arbitrary: none }, { weight: 1, arbitrary: junk });
    const valid = arbs.valid(schema);
    const seeds = seedBodies(method, path);
    const good = seeds.length ? fc.oneof(valid, ...seeds) : valid;
    const invalid = arbs.invalid(schema);
    const options: Array<fc.WeightedArbitrary<Body>> = [
      { weight: 3, arbitrary: valid.map((json) => ({ kind: "valid", json })) },
      { weight: 2, arbitrary: good.chain(bodyMutations).map((m): Body => ("raw" in m ? { kind: "malformed", raw: m.raw, contentType: "application/json" } : { kind: "mutated", json: m.json })) },
      { weight: 1, arbitrary: none },
      {
        weight: 1,
        arbitrary: fc
          .tuple(good, fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=latin1", "application/xml"))
          .map(([json, contentType]) => ({ kind: "other content type", raw: JSON.stringify(json) ?? "", contentType })),
      },
    ];
    if (seeds.length) options.push({ weight: 3, arbitrary: fc.oneof(...seeds).map((json) => ({ kind: "seed", json })) });
    if (invalid) options.push({ weight: 4, arbitrary: invalid.map((json) => ({ kind: "invalid", json })) });
    return fc.oneof(...options);
  }

  function queryArbitrary(path: string, params: Parameter[]): fc.Arbitrary<Array<[string, string]>> {
    const text = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
    const hints: Record<string, string[]> = {
      bundle_id: fx.ids.bundles,
      target_id: [...fx.ids.bundles, fx.connectionId],
      app: apps.map((a) => a.app),
      from: ["2026-11-23", "2026-11-23T00:00:00+03:00", "2000-01-01T00:00:00Z"],
      to: ["2100-01-01", "2026-11-23T00:00:00Z"],
      cursor: fx.cursors[path] ? [fx.cursors[path]] : [],
    };
    const one = (p: Parameter) => {
      // Mostly valid values, so that a bad one among several parameters is the exception.
      const options: Array<fc.WeightedArbitrary<string>> = [
        { weight: 4, arbitrary: arbs.valid(p.schema).map(text) },
        { weight: 1, arbitrary: NASTY_QUERY },
      ];
      const bad = arbs.invalid(p.schema);
      if (bad) options.push({ weight: 1, arbitrary: bad.map(text) });
      if (hints[p.name]?.length) options.push({ weight: 6, arbitrary: fc.constantFrom(...hints[p.name]) });
      return fc.tuple(fc.constant(p.name), fc.oneof(...options));
    };
    if (!params.length) return fc.constant([]);
    return fc
      .tuple(...params.map((p) => fc.option(one(p), { nil: undefined, freq: 2 })), fc.nat(7).map((n) => n === 0))
      .map((values) => {
        // Now and then the first parameter twice (?a=1&a=1): the validator sees a list.
        const repeat = values.pop() as boolean;
        const pairs = (values as Array<[string, string] | undefined>).filter((v): v is [string, string] => v !== undefined);
        return repeat && pairs.length ? [...pairs, pairs[0]] : pairs;
      });
  }

  function caseArbitrary(method: string, path: string, op: Operation): fc.Arbitrary<Case> {
    const pathParams = (op.parameters ?? []).filter((p) => p.in === "path");
    const params = fc.record(
      Object.fromEntries(
        pathParams.map((p) => [p.name, fc.oneof({ weight: 6, arbitrary: fc.constant<PathValue>({ real: true }) }, { weight: 1, arbitrary: RANDOM_SEGMENT.map((raw): PathValue => ({ raw })) })]),
      ),
    );
    const auth = fc.oneof({ weight: 10, arbitrary: fc.constant<Auth>("owner") }, { weight: 2, arbitrary: fc.constant<Auth>("site") }, fc.constantFrom<Auth>("none", "garbage", "cookie"));
    // Messages are written in the request's language (the Russian ones from zod's issues too).
    const language = fc.option(fc.constantFrom("ru", "ru-RU,ru;q=0.9,en;q=0.8", "en-US", "de-DE, ru;q=0.5", "*", ";q=x,,", "x".repeat(300)), { nil: undefined });
    return fc.record({ auth, language, params, query: queryArbitrary(path, (op.parameters ?? []).filter((p) => p.in === "query")), body: bodyArbitrary(method, path, op) });
  }

  /** The concrete URL of a case: real ids where asked (a fresh object for deletes and edits), random segments elsewhere. */
  async function urlOf(method: string, path: string, c: Case): Promise<string> {
    const resource = /\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? "";
    const segment = async (name: string, value: PathValue) => {
      if ("raw" in value) return encodeURIComponent(value.raw);
      if (name === "ws") return fx.ws;
      if (name === "step_id") return fx.stepIds[Math.abs(seedFor(JSON.stringify(c))) % fx.stepIds.length];
      if (name === "version") return "1";
      if (name === "token") return fx.shareToken;
      if (name === "id" && needsOwnObject(method, path)) return freshObject(fx, resource);
      if (name === "id" && path.includes("{step_id}")) return fx.stepsBundle;
      const pool = fx.ids[resource];
      if (!pool?.length) throw new Error(`no real ${name} for ${path}`);
      return pool[Math.abs(seedFor(JSON.stringify(c))) % pool.length];
    };
    let url = "/api/v1" + path;
    for (const [name, value] of Object.entries(c.params)) url = url.replace(`{${name}}`, await segment(name, value));
    if (c.query.length) url += "?" + new URLSearchParams(c.query).toString();
    return url;
  }

  async function send(method: string, path: string, c: Case) {
    const url = await urlOf(method, path, c);
    // Log-out ends the session it is sent with: never the owner's, which the other cases use.
    const who = path === "/auth/logout" && ["owner", "cookie", "site"].includes(c.auth) ? await signUp("fuzz-logout") : fx.owner;
    const opts: CallOptions = {};
    if (c.auth === "owner") opts.token = who.token;
    if (c.auth === "garbage") opts.token = "svk_" + "0".repeat(40);
    if (c.auth === "cookie" || c.auth === "site") opts.cookie = who.cookie;
    opts.headers = { ...(c.auth === "site" ? { origin: ORIGIN } : {}), ...(c.language ? { "accept-language": c.language } : {}) };
    if ("json" in c.body) opts.body = c.body.json;
    if ("raw" in c.body) {
      opts.rawBody = c.body.raw;
      opts.headers["content-type"] = c.body.contentType;
    }
    return { url, res: await call(method, url, opts) };
  }

  function problems(res: Awaited<ReturnType<typeof call>>): string[] {
    const out: string[] = [];
    if (res.status >= 500) out.push(`answered ${res.status}`);
    if (res.status >= 400 && res.status < 500) {
      const e = res.json?.error;
      for (const field of ["code", "message", "path"]) if (typeof e?.[field] !== "string") out.push(`4xx without a string error.${field}`);
    }
    const leak = LEAK.exec(res.text);
    if (leak) out.push(`shows internals: ${leak[0]}`);
    return out;
  }

  it("has a real value for every path parameter of the document", () => {
    expect(OPERATIONS.length).toBeGreaterThan(50);
    const unknown = OPERATIONS.flatMap(({ method, path }) =>
      (doc.paths[path][method.toLowerCase()].parameters ?? [])
        .filter((p) => p.in === "path")
        .filter((p) => (p.name === "id" ? !ID_RESOURCES.includes(/\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? "") : !KNOWN_PARAMS.includes(p.name)))
        .map((p) => `${method} ${path}: {${p.name}}`),
    );
    expect(unknown, "add these to the fixtures of fuzz-openapi.test.ts").toEqual([]);
  });

  it.each(OPERATIONS)("$method $path", async ({ method, path }) => {
    const op = doc.paths[path][method.toLowerCase()];
    expect(op, `${method} ${path} is in the document`).toBeDefined();
    counts.operations += 1;
    const seed = seedFor(`${method} ${path}`);
    await fc.assert(
      fc.asyncProperty(caseArbitrary(method, path, op), async (c) => {
        counts.cases += 1;
        const { url, res } = await send(method, path, c);
        const tally = (answers[`${method} ${path}`] ??= {});
        tally[res.status] = (tally[res.status] ?? 0) + 1;
        const found = problems(res);
        const repeat = `FUZZ_SEED=${SEED} npx vitest run test/integration/fuzz-openapi.test.ts -t '${method} ${path}$'`;
        expect(found, `${method} ${url.slice(0, 300)} [${c.body.kind}, ${c.auth}] → ${res.status} ${res.text.slice(0, 400)}\nrepeat: ${repeat}`).toEqual([]);
      }),
      { seed, numRuns: path === "/auth/logout" ? Math.min(CASES, 10) : CASES, endOnFailure: true },
    );
  }, 600_000);
});
