// The two seed scenarios of the product (shared/spec/examples), imported unchanged and run
// end to end on the queue-driven run plane against the amoCRM, KeepinCRM and Telegram doubles:
// every branch of each.
import { beforeAll, describe, expect, it } from "vitest";
import vkAmo from "../fixtures/spec-examples/vk-amocrm-dedup.json";
import sheetsKeepin from "../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";
import { importBundle } from "./support/bundles";
import { amocrmConnection, createConnection, telegramConnection, vkConnection } from "./support/connections";
import { AMOCRM, sentTo } from "./support/fakes";
import { runBundle } from "./support/runs";
import { signUp, type User } from "./support/workspace";

const AMO_AUTH = { authorization: "Bearer test-token", "content-type": "application/json" };

/** The double allows 7 requests a second, like amoCRM; the test's own checks wait their turn too. */
async function amoFetch(url: string, init: RequestInit = {}): Promise<Response> {
  for (let i = 0; ; i++) {
    const res = await fetch(url, { ...init, headers: AMO_AUTH });
    if (res.status !== 429 || i === 5) return res;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const unique = () => String(Date.now()).slice(-6) + String(Math.floor(Math.random() * 1000)).padStart(3, "0");

async function amoCreate(fields: { name: string; phone?: string; email?: string }) {
  const custom = [
    ...(fields.phone ? [{ field_code: "PHONE", values: [{ value: fields.phone, enum_code: "WORK" }] }] : []),
    ...(fields.email ? [{ field_code: "EMAIL", values: [{ value: fields.email, enum_code: "WORK" }] }] : []),
  ];
  const res = await amoFetch(`${AMOCRM}/api/v4/contacts`, { method: "POST", body: JSON.stringify([{ name: fields.name, custom_fields_values: custom }]) });
  const body = (await res.json()) as { _embedded: { contacts: Array<{ id: number }> } };
  return body._embedded.contacts[0].id;
}

async function amoValues(id: number | string, code: string): Promise<string[]> {
  const res = await amoFetch(`${AMOCRM}/api/v4/contacts/${id}`);
  const contact = (await res.json()) as { custom_fields_values: Array<{ field_code: string; values: Array<{ value: string }> }> | null };
  return (contact.custom_fields_values ?? []).filter((f) => f.field_code === code).flatMap((f) => f.values.map((v) => v.value));
}

async function amoSearch(query: string): Promise<Array<{ id: number }>> {
  const res = await amoFetch(`${AMOCRM}/api/v4/contacts?query=${encodeURIComponent(query)}`);
  if (res.status === 204) return [];
  return ((await res.json()) as { _embedded: { contacts: Array<{ id: number }> } })._embedded.contacts;
}

describe("seed flow 1: VK lead → amoCRM, find by phone, else by email, else create", () => {
  let user: User;
  let bundleId: string;

  beforeAll(async () => {
    user = await signUp("vkamo");
    const vk = await vkConnection(user, { name: "Community", groupId: "777", confirmationCode: "abc123", secretKey: "vk-secret" });
    const amo = await amocrmConnection(user, { name: "amoCRM" });
    bundleId = await importBundle(user, vkAmo, { vk_group: vk, amo });
  });

  const lead = (phone: string, email: string) => ({ first_name: "Анна", phone, email, lead_id: unique(), group_id: "777", answers: {} });

  it("found by phone: the contact gains the email, nothing is created", async () => {
    const n = unique();
    const id = await amoCreate({ name: "Анна", phone: `+7912${n.slice(0, 7)}` });
    const run = await runBundle(user, bundleId, lead(`8 912 ${n.slice(0, 7)}`, `anna${n}@example.com`));
    expect(run.status, JSON.stringify(run.steps)).toBe("stopped");
    const status = Object.fromEntries(run.steps.map((s: { id: string; status: string }) => [s.id, s.status]));
    expect(status).toMatchObject({ by_phone: "ok", route_phone: "ok", add_email: "ok", done_phone: "stopped", by_email: "skipped", create: "skipped" });
    expect(await amoValues(id, "EMAIL")).toEqual([`anna${n}@example.com`]);
    expect(await amoValues(id, "PHONE")).toEqual([`+7912${n.slice(0, 7)}`]);
    expect(await amoSearch(`anna${n}@example.com`)).toHaveLength(1);
  });

  it("found by email: the contact gains the phone and keeps its email", async () => {
    const n = unique();
    const email = `boris${n}@example.com`;
    const id = await amoCreate({ name: "Борис", email });
    const run = await runBundle(user, bundleId, lead(`+7 913 ${n.slice(0, 7)}`, email));
    expect(run.status, JSON.stringify(run.steps)).toBe("stopped");
    const status = Object.fromEntries(run.steps.map((s: { id: string; status: string }) => [s.id, s.status]));
    expect(status).toMatchObject({ by_phone: "ok", by_email: "ok", add_phone: "ok", done_email: "stopped", add_email: "skipped", create: "skipped" });
    expect(await amoValues(id, "EMAIL")).toEqual([email]);
    expect((await amoValues(id, "PHONE")).map((p) => p.replace(/\D/g, ""))).toEqual([`7913${n.slice(0, 7)}`]);
  });

  it("found by neither: one contact is created with both phone and email", async () => {
    const n = unique();
    const email = `vera${n}@example.com`;
    const run = await runBundle(user, bundleId, lead(`+7 914 ${n.slice(0, 7)}`, email));
    expect(run.status, JSON.stringify(run.steps)).toBe("success");
    const create = run.steps.find((s: { id: string }) => s.id === "create");
    expect(create.output.id).toBeTruthy();
    const found = await amoSearch(email);
    expect(found).toHaveLength(1);
    expect((await amoValues(found[0].id, "PHONE")).map((p) => p.replace(/\D/g, ""))).toEqual([`7914${n.slice(0, 7)}`]);
  });
});

describe("seed flow 2: Sheets row → KeepinCRM update, else create, else Telegram alert", () => {
  let user: User;
  let bundleId: string;
  const KEEPIN = "http://keepincrm.fake/v1";

  beforeAll(async () => {
    user = await signUp("sheets");
    const sheets = await createConnection(user, "google_sheets", "Sheets", { access_token: "ya29.test", base_url: "http://sheets.fake" });
    const keepin = await createConnection(user, "keepincrm", "KeepinCRM", { api_key: "test-key", base_url: KEEPIN });
    const tg = await telegramConnection(user, { name: "Alerts bot" });
    bundleId = await importBundle(user, sheetsKeepin, { sheets, keepin, tg_alerts: tg });
  });

  const alertsFor = async (orderId: string) => (await sentTo("-100123")).filter((text) => text.includes(`Order ${orderId} `));

  it("updated: an existing order is updated, nothing created, no alert", async () => {
    const created = await fetch(`${KEEPIN}/agreements`, {
      method: "POST",
      headers: { "X-Auth-Token": "test-key", "content-type": "application/json" },
      body: JSON.stringify({ title: "Old title", total: 10 }),
    });
    const orderId = String(((await created.json()) as { id: number }).id);
    const row = { row_number: 2, order_id: orderId, title: "New title", total: "99", client: "Анна", phone: "+79120000001" };
    const run = await runBundle(user, bundleId, row);
    expect(run.status, JSON.stringify(run.steps)).toBe("success");
    const status = Object.fromEntries(run.steps.map((s: { id: string; status: string }) => [s.id, s.status]));
    expect(status).toMatchObject({ update_order: "ok", if_update_failed: "ok", create_order: "skipped", alert: "skipped" });
    const order = (await (await fetch(`${KEEPIN}/agreements/${orderId}`, { headers: { "X-Auth-Token": "test-key" } })).json()) as { title: string };
    expect(order.title).toBe("New title");
    expect(await alertsFor(orderId)).toEqual([]);
  });

  it("created: an order that does not exist is created, no alert", async () => {
    const orderId = `9${unique()}`;
    const row = { row_number: 3, order_id: orderId, title: `Order from row ${orderId}`, total: "150", client: "Борис", phone: "+79120000002" };
    const run = await runBundle(user, bundleId, row);
    expect(run.status, JSON.stringify(run.steps)).toBe("success");
    const update = run.steps.find((s: { id: string }) => s.id === "update_order");
    expect(update.status).toBe("error");
    expect(update.error).toContain(`Order ${orderId} not found`);
    const create = run.steps.find((s: { id: string }) => s.id === "create_order");
    expect(create.status).toBe("ok");
    expect(create.output.id).toBeTruthy();
    expect(run.steps.find((s: { id: string }) => s.id === "alert").status).toBe("skipped");
    expect(await alertsFor(orderId)).toEqual([]);
  });

  it("creation failed: one Telegram message with the CRM's error text and the bundle's URL", async () => {
    const orderId = `8${unique()}`;
    const row = { row_number: 4, order_id: orderId, title: "No total", total: "", client: "Вера", phone: "+79120000003" };
    const run = await runBundle(user, bundleId, row);
    expect(run.status, JSON.stringify(run.steps)).toBe("success");
    const create = run.steps.find((s: { id: string }) => s.id === "create_order");
    expect(create.status).toBe("error");
    const alerts = await alertsFor(orderId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(create.error);
    expect(create.error).toMatch(/total/i);
    expect(alerts[0]).toContain(`http://localhost/w/${user.workspaceId}/bundles/${bundleId}`);
  });
});
