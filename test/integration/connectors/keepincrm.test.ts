// KeepinCRM connector against the double in test/fakes/keepincrm.ts, through the real
// HttpClient (its fetch routed in-process to the double).
import { beforeEach, describe, expect, it } from "vitest";
import { createHttpClient } from "../../../worker/connectors/http-client";
import { keepincrm } from "../../../worker/connectors/keepincrm";
import { ConnectorError } from "../../../worker/connectors/types";
import { keepincrmFake } from "../../fakes/keepincrm";

const BASE = "http://keepincrm.fake/v1";
const CONNECTION = { api_key: "test-key", base_url: BASE };

let sent: Array<{ method: string; url: string; headers: Headers; body: unknown }>;

const http = createHttpClient({
  allowPrivateNetwork: true,
  sleep: async () => {},
  fetch: async (input, init) => {
    sent.push({ method: String(init.method), url: input, headers: new Headers(init.headers), body: init.body ? JSON.parse(String(init.body)) : undefined });
    return keepincrmFake.fetch(new Request(input, init));
  },
});

const ctx = (input: Record<string, unknown>, connection = CONNECTION) => ({
  input,
  connection,
  http,
  store: { update: async () => {} },
  log: () => {},
});

async function admin(path: string, body?: unknown) {
  const res = await keepincrmFake.fetch(new Request(`${BASE}/__admin/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }));
  return res.json() as Promise<any>;
}

async function run(action: keyof typeof keepincrm.actions, input: Record<string, unknown>, connection?: typeof CONNECTION) {
  const declaration = keepincrm.actions[action];
  return declaration.run(ctx(declaration.input.parse(input), connection)) as Promise<any>;
}

/** The ConnectorError the promise rejects with. */
const caught = (promise: Promise<unknown>) =>
  promise.then(() => expect.unreachable("expected a ConnectorError"), (err: ConnectorError) => (expect(err).toBeInstanceOf(ConnectorError), err));

beforeEach(async () => {
  sent = [];
  await admin("reset", {});
});

describe("create_order", () => {
  it("creates the order with client_attributes and returns the id of the 201", async () => {
    const out = await run("create_order", {
      title: "Заказ #1",
      total: "1500.50",
      comment: "с сайта",
      client_name: "Олена",
      phone: "+380671234567",
      email: "olena@example.com",
      stage_id: "3",
      custom_fields: { oplata_334: "card" },
    });
    const state = await admin("state");
    expect(out).toEqual({ id: String(state.agreements[0].id) });
    expect(sent[0].headers.get("x-auth-token")).toBe("test-key");
    expect(sent[0].headers.get("authorization")).toBeNull();
    expect(sent[0].body).toEqual({
      title: "Заказ #1",
      total: 1500.5,
      comment: "с сайта",
      stage_id: 3,
      custom_fields: [{ name: "oplata_334", value: "card" }],
      client_attributes: { person: "Олена", email: "olena@example.com", phones: ["+380671234567"] },
    });
    expect(state.clients[0]).toMatchObject({ person: "Олена", phones: ["+380671234567"], emails: ["olena@example.com"] });
  });

  it("reports 422 field errors as one readable message", async () => {
    const err = await caught(run("create_order", { comment: "no title, no total" }));
    expect(err.message).toBe("KeepinCRM rejected the data: Validation failed: title: is required; total: is required.");
    expect(err.options).toMatchObject({ status: 422 });
    expect(err.options.transient).toBeFalsy();
  });
});

describe("update_order", () => {
  it("patches only the given fields", async () => {
    const { agreements } = await admin("seed", { agreements: [{ title: "Old", total: 10 }] });
    expect(await run("update_order", { id: agreements[0], stage_id: 7, title: "" })).toEqual({ id: String(agreements[0]) });
    expect(sent[0]).toMatchObject({ method: "PATCH", body: { stage_id: 7 } });
    expect((await admin("state")).agreements[0]).toMatchObject({ title: "Old", total: 10, stage_id: 7 });
  });

  it("fails with a clear message when the order does not exist", async () => {
    const err = await caught(run("update_order", { id: "404", title: "x" }));
    expect(err.message).toBe("Order 404 not found in KeepinCRM.");
    expect(err.options.status).toBe(404);
  });
  it("keeps an id from data inside its path segment, and refuses one that would climb the path", async () => {
    await caught(run("update_order", { id: "7/../../clients?x=1", title: "x" }));
    expect(sent[0].url).toBe(`${BASE}/agreements/7%2F..%2F..%2Fclients%3Fx%3D1`);
    sent = [];
    const err = await caught(run("update_order", { id: "..", title: "x" }));
    expect(err.message).toBe('".." cannot be a part of a URL path.');
    expect(err.options.code).toBe("invalid_input");
    expect(sent).toEqual([]);
  });
});

describe("create_order dedup", () => {
  const dedup = keepincrm.actions.create_order.dedup!;

  it("finds the newest order of the client with that phone (written differently)", async () => {
    const { clients } = await admin("seed", { clients: [{ person: "Олена", phones: ["+38 (067) 123-45-67"] }] });
    const { agreements } = await admin("seed", {
      agreements: [
        { title: "first", total: 1, client_id: clients[0] },
        { title: "second", total: 2, client_id: clients[0] },
      ],
    });
    const found = await dedup.find(ctx({}), { phone: "0671234567" });
    expect(found?.id).toBe(String(agreements[1]));
    expect(sent.map((s) => decodeURIComponent(new URL(s.url).search))).toEqual(["?q[phones_cont]=0671234567", `?q[client_id_eq]=${clients[0]}`]);
  });

  it("ignores clients the filter returns that do not really match, and falls back to the email", async () => {
    const { clients } = await admin("seed", {
      clients: [
        { person: "Other", phones: ["+380671234567"], emails: ["a.olena@example.com"] },
        { person: "Olena", phones: [], emails: ["Olena@Example.com"] },
      ],
    });
    const { agreements } = await admin("seed", { agreements: [{ title: "hers", total: 1, client_id: clients[1] }] });
    const found = await dedup.find(ctx({}), { phone: "+380000000000", email: "olena@example.com" });
    expect(found?.id).toBe(String(agreements[0]));
  });

  it("finds nothing for an unknown client, and updates a matched order", async () => {
    expect(await dedup.find(ctx({}), { phone: "+380671234567" })).toBeUndefined();
    const { agreements } = await admin("seed", { agreements: [{ title: "t", total: 1 }] });
    await dedup.update(ctx({}), String(agreements[0]), { total: 99 });
    expect((await admin("state")).agreements[0].total).toBe(99);
  });
});

describe("connection", () => {
  it("tests the key with GET /clients/statuses and explains a bad key", async () => {
    const test = keepincrm.connection!.test;
    await test({ connection: CONNECTION, http, store: { update: async () => {} } });
    expect(new URL(sent[0].url).pathname).toBe("/v1/clients/statuses");
    const err = await caught(test({ connection: { ...CONNECTION, api_key: "wrong" }, http, store: { update: async () => {} } }));
    expect(err.message).toBe("KeepinCRM rejected the API key (Invalid auth token). Check api_key in the connection.");
  });

  it("reports 5xx as transient", async () => {
    await admin("knobs", { failNext: { count: 1, status: 502 } });
    expect((await caught(run("update_order", { id: "1", title: "x" }))).options).toMatchObject({ transient: true, status: 502 });
  });
});
