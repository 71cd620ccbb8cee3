// amoCRM connector against the double in test/fakes/amocrm.ts, through the real HttpClient
// (its fetch routed in-process to the double).
import { beforeEach, describe, expect, it } from "vitest";
import { amocrm } from "../../../worker/connectors/amocrm";
import { createHttpClient } from "../../../worker/connectors/http-client";
import { ConnectorError } from "../../../worker/connectors/types";
import { amocrmFake } from "../../fakes/amocrm";

const BASE = "http://amocrm.fake";
const LONG_LIVED = { base_url: BASE, access_token: "test-token" };

interface Sent {
  method: string;
  url: string;
  body: unknown;
}
let sent: Sent[];
let stored: Array<Record<string, string>>;

const http = createHttpClient({
  allowPrivateNetwork: true,
  sleep: async () => {},
  fetch: async (input, init) => {
    sent.push({ method: String(init.method), url: input, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return amocrmFake.fetch(new Request(input, init));
  },
});

function ctx(input: Record<string, unknown>, connection: Record<string, unknown> = LONG_LIVED) {
  return { input, connection, http, store: { update: async (fields: Record<string, string>) => void stored.push(fields) }, log: () => {} };
}

async function admin(path: string, body?: unknown) {
  const res = await amocrmFake.fetch(new Request(`${BASE}/__admin/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }));
  return res.json() as Promise<any>;
}

async function run(action: keyof typeof amocrm.actions, input: Record<string, unknown>, connection?: Record<string, unknown>) {
  const declaration = amocrm.actions[action];
  return declaration.run(ctx(declaration.input.parse(input), connection)) as Promise<any>;
}

const phoneField = (...values: Array<[string, string]>) => ({ field_code: "PHONE", values: values.map(([value, enum_code]) => ({ value, enum_code })) });
const emailField = (value: string) => ({ field_code: "EMAIL", values: [{ value, enum_code: "WORK" }] });
const contactsOf = async () => (await admin("state")).contacts as any[];
const valuesOf = (contact: any, code: string) => (contact.custom_fields_values ?? []).find((f: any) => f.field_code === code)?.values.map((v: any) => v.value) ?? [];

/** The ConnectorError the promise rejects with. */
const caught = (promise: Promise<unknown>) =>
  promise.then(() => expect.unreachable("expected a ConnectorError"), (err: ConnectorError) => (expect(err).toBeInstanceOf(ConnectorError), err));

beforeEach(async () => {
  sent = [];
  stored = [];
  await admin("reset", {});
});

describe("find_contact", () => {
  it("treats amoCRM's 204 (empty body) as not found: success with found = 0", async () => {
    expect(await run("find_contact", { query: "nobody" })).toEqual({ found: 0, id: "", name: "", phone: "", email: "", contact: null });
  });

  it("finds by phone a contact whose values carry `enum` instead of `enum_code`", async () => {
    await admin("knobs", { enumKey: "enum" });
    const { ids } = await admin("contacts", [{ name: "Иван", custom_fields_values: [phoneField(["+7 (912) 345-67-89", "MOB"]), emailField("ivan@example.com")] }]);
    const out = await run("find_contact", { query: "79123456789" });
    expect(out).toMatchObject({ found: 1, id: String(ids[0]), name: "Иван", phone: "+7 (912) 345-67-89", email: "ivan@example.com" });
    expect(out.contact.custom_fields_values[0].values[0]).toMatchObject({ enum: "MOB" });
  });

  it("reads a contact whose custom_fields_values is null", async () => {
    await admin("contacts", [{ name: "Без телефона" }]);
    const out = await run("find_contact", { query: "Без" });
    expect(out).toMatchObject({ found: 1, phone: "", email: "" });
    expect(out.contact.custom_fields_values).toBeNull();
  });
});

describe("create_contact", () => {
  it("sends a JSON array with phone and email as custom fields by field_code", async () => {
    const out = await run("create_contact", { name: "Пётр", phone: "+79001112233", email: "petr@example.com", tags: "site, lead", responsible_user_id: "42" });
    expect(out).toEqual({ id: "1", created: 1, updated: 0, matched_by: "" });
    const post = sent.find((s) => s.method === "POST");
    expect(Array.isArray(post?.body)).toBe(true);
    expect((post?.body as any[])[0]).toMatchObject({
      name: "Пётр",
      responsible_user_id: 42,
      custom_fields_values: [phoneField(["+79001112233", "WORK"]), emailField("petr@example.com")],
      _embedded: { tags: [{ name: "site" }, { name: "lead" }] },
    });
    const [contact] = await contactsOf();
    expect(valuesOf(contact, "PHONE")).toEqual(["+79001112233"]);
  });
});

describe("update_contact", () => {
  it("merges a new phone and email into the existing ones instead of replacing them", async () => {
    await admin("knobs", { enumKey: "enum" });
    const { ids } = await admin("contacts", [{ name: "Анна", custom_fields_values: [phoneField(["+79110000001", "MOB"]), emailField("anna@old.example")] }]);
    const out = await run("update_contact", { id: ids[0], phone: "+79110000002", email: "anna@new.example", name: "Анна К." });
    expect(out).toEqual({ id: String(ids[0]), created: 0, updated: 1, matched_by: "" });
    const [contact] = await contactsOf();
    expect(contact.name).toBe("Анна К.");
    expect(valuesOf(contact, "PHONE")).toEqual(["+79110000001", "+79110000002"]);
    expect(valuesOf(contact, "EMAIL")).toEqual(["anna@old.example", "anna@new.example"]);
    // The existing value's `enum` went back as `enum_code`, so it keeps its type.
    expect(contact.custom_fields_values[0].values[0]).toMatchObject({ enum: "MOB" });
  });

  it("does not add a phone the contact already has in another format", async () => {
    const { ids } = await admin("contacts", [{ name: "Олег", custom_fields_values: [phoneField(["+7 911 000-00-01", "WORK"])] }]);
    await run("update_contact", { id: ids[0], phone: "89110000001" });
    expect(valuesOf((await contactsOf())[0], "PHONE")).toEqual(["+7 911 000-00-01"]);
    expect(sent.filter((s) => s.method === "PATCH")).toHaveLength(0);
  });

  it("fails with a clear message when the contact does not exist (204 on GET by id)", async () => {
    const err = await caught(run("update_contact", { id: "999", phone: "+79110000002" }));
    expect(err.message).toBe("Contact 999 not found in amoCRM.");
  });
});

describe("create_contact dedup", () => {
  const dedup = amocrm.actions.create_contact.dedup!;

  it("returns the contact whose phone really matches, not the fuzzy search's first hit", async () => {
    const { ids } = await admin("contacts", [
      { name: "Fuzzy", custom_fields_values: [emailField("client9123456789@example.com")] },
      { name: "Exact", custom_fields_values: [phoneField(["+7 (912) 345-67-89", "WORK"])] },
    ]);
    const found = await dedup.find(ctx({}), { phone: "8 912 345 67 89" });
    expect(found?.id).toBe(String(ids[1]));
  });

  it("falls back to the email and follows _links.next through the pages", async () => {
    await admin("knobs", { maxLimit: 1 });
    const { ids } = await admin("contacts", [
      { name: "A", custom_fields_values: [emailField("shop@example.com.ru")] },
      { name: "B", custom_fields_values: [emailField("old-shop@example.com")] },
      { name: "C", custom_fields_values: [emailField("Shop@Example.com")] },
    ]);
    const found = await dedup.find(ctx({}), { phone: "+70000000000", email: "shop@example.com" });
    expect(found?.id).toBe(String(ids[2]));
    expect(sent.filter((s) => s.url.includes("query=shop")).length).toBe(3);
  });

  it("finds nothing while amoCRM's search index lags behind a fresh contact", async () => {
    await admin("knobs", { searchLagMs: 60_000 });
    const { id } = await run("create_contact", { name: "Новый", phone: "+79005556677" });
    expect(await dedup.find(ctx({}), { phone: "+79005556677" })).toBeUndefined();
    expect((await run("find_contact", { query: "Новый" })).found).toBe(0);
    // …while the contact is there by id.
    await run("update_contact", { id, email: "new@example.com" });
    expect(valuesOf((await contactsOf())[0], "PHONE")).toEqual(["+79005556677"]);
  });

  it("updates the matched contact by merging, like update_contact", async () => {
    const { ids } = await admin("contacts", [{ name: "Вера", custom_fields_values: [phoneField(["+79000000001", "WORK"])] }]);
    await dedup.update(ctx({}), String(ids[0]), { phone: "+79000000002", email: "vera@example.com" });
    const [contact] = await contactsOf();
    expect(valuesOf(contact, "PHONE")).toEqual(["+79000000001", "+79000000002"]);
    expect(valuesOf(contact, "EMAIL")).toEqual(["vera@example.com"]);
  });
});

describe("OAuth", () => {
  const oauth = (extra: Record<string, unknown>) => ({
    base_url: BASE,
    client_id: "test-client",
    client_secret: "test-secret",
    refresh_token: "refresh-0",
    access_token: "old-access",
    ...extra,
  });

  beforeEach(async () => {
    await admin("knobs", { refreshTokens: ["refresh-0"], tokens: { "old-access": "expired" } });
  });

  it("refreshes an expired token before the call and hands the new pair to the store", async () => {
    const out = await run("find_contact", { query: "x" }, oauth({ expires_at: new Date(Date.now() - 10_000).toISOString() }));
    expect(out.found).toBe(0);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ access_token: "access-1", refresh_token: "refresh-1" });
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual(["POST /oauth2/access_token", "GET /api/v4/contacts"]);
    expect(sent[0].body).toMatchObject({ grant_type: "refresh_token", refresh_token: "refresh-0", client_id: "test-client" });
  });

  it("on a 401 refreshes once and retries once", async () => {
    const out = await run("find_contact", { query: "x" }, oauth({ expires_at: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(out.found).toBe(0);
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual(["GET /api/v4/contacts", "POST /oauth2/access_token", "GET /api/v4/contacts"]);
    expect(stored.map((f) => f.refresh_token)).toEqual(["refresh-1"]);
  });

  it("refreshes once per action even when it makes several calls", async () => {
    const { ids } = await admin("contacts", [{ name: "Z" }]);
    await run("update_contact", { id: ids[0], phone: "+79000000009" }, oauth({ expires_at: "1" }));
    expect((await admin("state")).refreshes).toBe(1);
  });

  it("asks to reconnect when the refresh token was already used (rotation)", async () => {
    const connection = oauth({ expires_at: "1" });
    await run("find_contact", { query: "x" }, connection);
    // The same (stale) connection again: refresh-0 no longer works.
    const err = await caught(run("find_contact", { query: "x" }, connection));
    expect(err.message).toMatch(/refused to refresh.*Token has been revoked.*Reconnect/);
  });
});

describe("errors", () => {
  it("turns 429 into a transient error carrying Retry-After", async () => {
    await admin("knobs", { failNext: { count: 5, status: 429, retryAfter: 30 } });
    const err = await caught(run("find_contact", { query: "x" }));
    expect(err.options).toMatchObject({ transient: true, retryAfterSeconds: 30, status: 429 });
  });

  it("answers 429 past 7 requests in a second, which the client reports as transient", async () => {
    const results = await Promise.allSettled(Array.from({ length: 9 }, () => run("find_contact", { query: "x" })));
    const rejected = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0].options).toMatchObject({ transient: true, status: 429 });
  });

  it("says the account is not paid on 402", async () => {
    await admin("knobs", { failNext: { count: 1, status: 402 } });
    expect((await caught(run("find_contact", { query: "x" }))).message).toMatch(/amoCRM account is not paid/);
  });

  it("makes problem+json validation errors readable", async () => {
    await admin("knobs", {
      failNext: { count: 1, status: 400, body: { "validation-errors": [{ request_id: "0", errors: [{ code: "NotSupportedChoice", path: "custom_fields_values.0.field_code", detail: "The value you selected is not a valid choice." }] }] } },
    });
    const err = await caught(run("create_contact", { name: "X", phone: "1" }));
    expect(err.message).toMatch(/400.*Injected failure.*custom_fields_values\.0\.field_code: The value you selected is not a valid choice/);
    expect(err.options.status).toBe(400);
    expect(err.options.transient).toBeFalsy();
  });

  it("tests the connection with GET /api/v4/account and explains a rejected long-lived token", async () => {
    const test = amocrm.connection!.test;
    await test({ connection: LONG_LIVED, http, store: { update: async () => {} } });
    const err = await caught(test({ connection: { ...LONG_LIVED, access_token: "revoked" }, http, store: { update: async () => {} } }));
    expect(err.message).toMatch(/amoCRM rejected the access token/);
  });
});
