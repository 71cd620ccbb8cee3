// Encryption key rotation (decision 0018): every stored secret under ENCRYPTION_KEY_PREVIOUS is
// put under ENCRYPTION_KEY, page by page, through the operator route or the Cron Trigger; a
// second run changes nothing, a stopped run finishes when run again, a value a user saves
// meanwhile is never replaced, a value no key opens is left as it is, and afterwards the Worker
// works without the previous key.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { database } from "../../db/client";
import { insertConnection } from "../../db/queries/connections";
import { insertOAuthState } from "../../db/queries/oauth-states";
import { readSystemState } from "../../db/queries/system-state";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import app from "../../worker/app";
import { loadConnection } from "../../worker/connections/load-connection";
import type { Env } from "../../worker/env";
import {
  applyReencryption,
  keyRotationStatus,
  planReencryption,
  reencryptPage,
  ROTATION_CURSOR_KEY,
  type RotationCounts,
} from "../../worker/security/key-rotation";
import { decryptSecrets, encryptionKeyId, encryptSecrets } from "../../worker/security/secrets-crypto";
import { FAKE_BOT_TOKEN } from "../fakes/telegram";
import { ORIGIN } from "./support/api";
import { tick } from "./support/cron";
import { signUp, type User } from "./support/workspace";

const KEY_OLD = env.ENCRYPTION_KEY; // what the test Worker encrypts with
const KEY_NEW = btoa("fedcba9876543210fedcba9876543210");
const KEY_LOST = btoa("lostlostlostlostlostlostlostlost");
const OPERATOR_TOKEN = "op-".padEnd(48, "x");

/** The Worker during a rotation: the new key, the old one as previous. */
const rotating = { ...env, ENCRYPTION_KEY: KEY_NEW, ENCRYPTION_KEY_PREVIOUS: KEY_OLD, OPERATOR_TOKEN } as Env;
/** The Worker once the previous key is removed. */
const rotated = { ...env, ENCRYPTION_KEY: KEY_NEW, ENCRYPTION_KEY_PREVIOUS: undefined, OPERATOR_TOKEN } as Env;
const db = database(env);

async function fetchAs(e: Env, method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await app.fetch(new Request(ORIGIN + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }), e, createExecutionContext());
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

/** A Telegram connection made through the API (under the old key), with its bot token (the first one the double accepts). */
async function telegramConnection(u: User, n: number) {
  const botToken = n === 0 ? FAKE_BOT_TOKEN : `${100000 + n}:TOKEN-${crypto.randomUUID()}`;
  const res = await fetchAs(env as Env, "POST", `/api/v1/w/${u.workspaceId}/connections`, {
    token: u.token,
    body: { app: "telegram", name: `Bot ${n}`, fields: { bot_token: botToken, base_url: "http://telegram.fake" } },
  });
  expect(res.status).toBe(201);
  return { id: res.json.id as string, botToken };
}

async function secretsOf(id: string) {
  return (await env.DB.prepare("SELECT secrets FROM connection WHERE id = ?").bind(id).first<{ secrets: string | null }>())?.secrets ?? null;
}

async function allValues() {
  const rows = await env.DB.prepare("SELECT id AS key, secrets AS value FROM connection UNION ALL SELECT state_hash, fields FROM oauth_state ORDER BY 1").all();
  return rows.results;
}

/** Runs pages until the last, summing their counts. */
async function rotateAll(e: Env, limit: number, from: string | null = null) {
  const sum: RotationCounts = { scanned: 0, reencrypted: 0, already_current: 0, failed: 0, changed: 0 };
  let cursor = from;
  let pages = 0;
  do {
    const page = await reencryptPage(e, db, cursor, limit);
    for (const k of Object.keys(sum) as Array<keyof RotationCounts>) sum[k] += page[k];
    cursor = page.next_cursor;
    pages++;
  } while (cursor !== null);
  return { ...sum, pages };
}

/** The data the tests share: what each value decrypts to, and one value only a lost key opens. */
async function seed() {
  const u = await signUp("rotate");
  const scope = openWorkspaceScope(db, u.workspaceId);
  const bots = [];
  for (let i = 0; i < 5; i++) bots.push(await telegramConnection(u, i));
  // Saved after the new key was set: already current.
  const fresh = { id: crypto.randomUUID(), secret: { api_key: "fresh-secret" } };
  await insertConnection(scope, { id: fresh.id, app: "keepincrm", name: "Fresh", fields: {}, secrets: await encryptSecrets({ ENCRYPTION_KEY: KEY_NEW }, fresh.secret) });
  // Under a key nobody has any more: it cannot be rotated and must not be lost.
  const lost = crypto.randomUUID();
  await insertConnection(scope, { id: lost, app: "keepincrm", name: "Lost", fields: {}, secrets: await encryptSecrets({ ENCRYPTION_KEY: KEY_LOST }, { api_key: "lost" }) });
  // No secret fields at all: nothing to rotate.
  await insertConnection(scope, { id: crypto.randomUUID(), app: "webhook", name: "Plain", fields: {}, secrets: null });
  // An OAuth authorization in flight: its fields (client secret) are encrypted too.
  const stateHash = "f".repeat(64);
  const oauthFields = { client_id: "id", client_secret: "oauth-client-secret" };
  await insertOAuthState(scope, {
    stateHash,
    userId: u.userId,
    app: "amocrm",
    name: "via OAuth",
    fields: await encryptSecrets({ ENCRYPTION_KEY: KEY_OLD }, oauthFields),
    redirectUri: `${ORIGIN}/api/v1/oauth/callback`,
    expiresAt: new Date(Date.now() + 600_000),
  });
  return { u, scope, bots, fresh, lost, lostValue: await secretsOf(lost), stateHash, oauthFields };
}

/** Every value that should open under the new key alone does, to what it held before. */
async function expectAllReadableUnderNewKeyAlone(data: Awaited<ReturnType<typeof seed>>) {
  const newOnly = { ENCRYPTION_KEY: KEY_NEW };
  for (const bot of data.bots) expect(await decryptSecrets(newOnly, (await secretsOf(bot.id))!)).toEqual({ bot_token: bot.botToken });
  expect(await decryptSecrets(newOnly, (await secretsOf(data.fresh.id))!)).toEqual(data.fresh.secret);
  const state = await env.DB.prepare("SELECT fields FROM oauth_state WHERE state_hash = ?").bind(data.stateHash).first<{ fields: string }>();
  expect(await decryptSecrets(newOnly, state!.fields)).toEqual(data.oauthFields);
  expect(await secretsOf(data.lost)).toBe(data.lostValue);
}

let warn: MockInstance<typeof console.warn>;
beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM connection"), env.DB.prepare("DELETE FROM oauth_state"), env.DB.prepare("DELETE FROM system_state WHERE key = ?").bind(ROTATION_CURSOR_KEY)]);
  warn = vi.spyOn(console, "warn");
});
afterEach(() => warn.mockRestore());

describe("key rotation", () => {
  it("re-encrypts every value under the previous key, each still the same secret, and counts what it did", async () => {
    const data = await seed();
    const before = await keyRotationStatus(rotating, db);
    expect(before).toMatchObject({ current_key_id: await encryptionKeyId(KEY_NEW), previous_key_id: await encryptionKeyId(KEY_OLD) });
    expect(before.values).toEqual({ total: 8, current: 1, previous: 6, other: 1 });
    expect(before.tables.oauth_state).toEqual({ total: 1, current: 0, previous: 1, other: 0 });

    // Pages of 2: connections (7 with secrets) take 4 pages, the OAuth state one more.
    expect(await rotateAll(rotating, 2)).toEqual({ scanned: 8, reencrypted: 6, already_current: 1, failed: 1, changed: 0, pages: 5 });
    await expectAllReadableUnderNewKeyAlone(data);
    expect((await keyRotationStatus(rotating, db)).values).toEqual({ total: 8, current: 7, previous: 0, other: 1 });

    // The one value no key opens is named by id in the log, and no secret is ever logged.
    const logged = warn.mock.calls.map((call) => call.join(" "));
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      { level: "warn", event: "key_rotation.value_failed", table: "connection", id: data.lost, reason: expect.stringMatching(/neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS/) },
    ]);
    for (const bot of data.bots) expect(logged.join("\n")).not.toContain(bot.botToken);
  });

  it("a second run changes nothing", async () => {
    const data = await seed();
    await rotateAll(rotating, 3);
    const after = await allValues();
    expect(await rotateAll(rotating, 3)).toEqual({ scanned: 8, reencrypted: 0, already_current: 7, failed: 1, changed: 0, pages: 4 });
    expect(await allValues()).toEqual(after);
    await expectAllReadableUnderNewKeyAlone(data);
  });

  it("stopped half-way, it finishes when run again, from the start or from its cursor", async () => {
    const data = await seed();
    const first = await reencryptPage(rotating, db, null, 3);
    expect(first).toMatchObject({ scanned: 3, reencrypted: first.scanned - first.already_current - first.failed, next_cursor: expect.stringMatching(/^connection:/) });
    const left = (await keyRotationStatus(rotating, db)).values.previous;
    expect(left).toBe(6 - first.reencrypted);

    // Run again from the start: what the stopped run did is only counted.
    const again = await rotateAll(rotating, 3);
    expect(again).toMatchObject({ scanned: 8, reencrypted: left, already_current: 7 - left, failed: 1 });
    await expectAllReadableUnderNewKeyAlone(data);

    // Resuming from a cursor reads only what comes after it.
    const resumed = await rotateAll(rotating, 3, first.next_cursor);
    expect(resumed.scanned).toBe(8 - 3);
  });

  it("never replaces a secret saved while its page was being re-encrypted", async () => {
    const data = await seed();
    const [saved, deleted] = data.bots;
    const plan = await planReencryption(rotating, db, null, 100);
    expect(plan.changes.map((c) => c.key)).toContain(saved.id);

    // Meanwhile a user saves a new bot token (through the Worker that has the new key) and deletes another connection.
    const newToken = "999:NEW-token-saved-meanwhile";
    const patched = await fetchAs(rotating, "PATCH", `/api/v1/w/${data.u.workspaceId}/connections/${saved.id}`, {
      token: data.u.token,
      body: { fields: { bot_token: newToken, base_url: "http://telegram.fake" } },
    });
    expect(patched.status).toBe(200);
    await env.DB.prepare("DELETE FROM connection WHERE id = ?").bind(deleted.id).run();

    const page = await applyReencryption(db, plan);
    expect(page).toMatchObject({ scanned: 7, reencrypted: 3, already_current: 1, failed: 1, changed: 2 });
    expect(await decryptSecrets({ ENCRYPTION_KEY: KEY_NEW }, (await secretsOf(saved.id))!)).toEqual({ bot_token: newToken });
    expect(await secretsOf(deleted.id)).toBeNull();
    expect((await keyRotationStatus(rotating, db)).tables.connection).toEqual({ total: 6, current: 5, previous: 0, other: 1 });
  });

  it("afterwards the Worker works without ENCRYPTION_KEY_PREVIOUS: connections load and pass their test", async () => {
    const data = await seed();
    const bot = data.bots[0];
    const path = `/api/v1/w/${data.u.workspaceId}/connections/${bot.id}`;
    // Before the rotation, dropping the previous key would break every old connection.
    expect((await fetchAs(rotated, "GET", path, { token: data.u.token })).status).toBe(500);

    await rotateAll(rotating, 4);
    const got = await fetchAs(rotated, "GET", path, { token: data.u.token });
    expect(got.status).toBe(200);
    expect(got.json.secret_fields_set).toEqual(["bot_token"]);
    expect((await fetchAs(rotated, "POST", `${path}/test`, { token: data.u.token })).json).toEqual({ ok: true });
    expect((await loadConnection(rotated, data.scope, bot.id))?.fields).toMatchObject({ bot_token: bot.botToken });
  });
});

describe("the operator route", () => {
  it("runs the rotation page by page, answering counts and key ids, never a secret", async () => {
    const data = await seed();
    const before = await fetchAs(rotating, "GET", "/api/v1/internal/keys", { token: OPERATOR_TOKEN });
    expect(before.json).toEqual({
      current_key_id: await encryptionKeyId(KEY_NEW),
      previous_key_id: await encryptionKeyId(KEY_OLD),
      values: { total: 8, current: 1, previous: 6, other: 1 },
      tables: { connection: { total: 7, current: 1, previous: 5, other: 1 }, oauth_state: { total: 1, current: 0, previous: 1, other: 0 } },
    });

    // What `npm run keys:rotate` does.
    const sum = { scanned: 0, reencrypted: 0, already_current: 0, failed: 0, changed: 0 };
    let cursor: string | null = null;
    do {
      const page = await fetchAs(rotating, "POST", "/api/v1/internal/keys/reencrypt", { token: OPERATOR_TOKEN, body: { cursor, limit: 4 } });
      expect(page.status).toBe(200);
      for (const bot of data.bots) expect(page.text).not.toContain(bot.botToken);
      for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += page.json[k];
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(sum).toEqual({ scanned: 8, reencrypted: 6, already_current: 1, failed: 1, changed: 0 });
    const after = await fetchAs(rotating, "GET", "/api/v1/internal/keys", { token: OPERATOR_TOKEN });
    expect(after.json.values).toEqual({ total: 8, current: 7, previous: 0, other: 1 });
    await expectAllReadableUnderNewKeyAlone(data);
  });

  it("does not exist without OPERATOR_TOKEN, and wants exactly that token", async () => {
    const off = { ...rotating, OPERATOR_TOKEN: undefined } as Env;
    expect((await fetchAs(off, "GET", "/api/v1/internal/keys", { token: OPERATOR_TOKEN })).status).toBe(404);
    expect((await fetchAs(off, "POST", "/api/v1/internal/keys/reencrypt", { token: OPERATOR_TOKEN, body: {} })).json.error.code).toBe("not_found");

    expect((await fetchAs(rotating, "GET", "/api/v1/internal/keys")).status).toBe(401);
    expect((await fetchAs(rotating, "POST", "/api/v1/internal/keys/reencrypt", { token: `${OPERATOR_TOKEN}y`, body: {} })).status).toBe(401);
    const u = await signUp("not-operator");
    expect((await fetchAs(rotating, "GET", "/api/v1/internal/keys", { token: u.token })).status).toBe(401);

    const weak = { ...rotating, OPERATOR_TOKEN: "short" } as Env;
    const refused = await fetchAs(weak, "GET", "/api/v1/internal/keys", { token: "short" });
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toMatch(/shorter than 32/);
  });

  it("refuses a cursor it did not give out, and a page over the limit", async () => {
    const bad = await fetchAs(rotating, "POST", "/api/v1/internal/keys/reencrypt", { token: OPERATOR_TOKEN, body: { cursor: "users:abc" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toBe("/cursor");
    const big = await fetchAs(rotating, "POST", "/api/v1/internal/keys/reencrypt", { token: OPERATOR_TOKEN, body: { limit: 10_000 } });
    expect(big.status).toBe(400);
    expect(big.json.error.path).toBe("/limit");
    const none = await fetchAs(rotating, "POST", "/api/v1/internal/keys/reencrypt", { token: OPERATOR_TOKEN });
    expect(none.json).toMatchObject({ scanned: 0, next_cursor: "oauth_state:" });
  });

  it("is not in the OpenAPI document", async () => {
    const doc = await fetchAs(env as Env, "GET", "/api/v1/openapi.json");
    expect(Object.keys(doc.json.paths).filter((p) => p.includes("internal"))).toEqual([]);
  });
});

describe("the Cron Trigger during a rotation", () => {
  const tickAs = (e: Env) => tick(Date.now(), e);

  it("re-encrypts a page a tick while ENCRYPTION_KEY_PREVIOUS is set, and starts over after the last", async () => {
    const data = await seed();
    await tickAs(rotating);
    expect(await readSystemState(db, ROTATION_CURSOR_KEY)).toBe("oauth_state:");
    expect((await keyRotationStatus(rotating, db)).values).toEqual({ total: 8, current: 6, previous: 1, other: 1 });
    await tickAs(rotating);
    expect(await readSystemState(db, ROTATION_CURSOR_KEY)).toBe("");
    await expectAllReadableUnderNewKeyAlone(data);

    // A value saved under the old key after the pass (a Worker still on the old config) is found by the next one.
    const late = await telegramConnection(data.u, 9);
    await tickAs(rotating);
    expect(await decryptSecrets({ ENCRYPTION_KEY: KEY_NEW }, (await secretsOf(late.id))!)).toEqual({ bot_token: late.botToken });
  });

  it("does nothing without a previous key", async () => {
    await seed();
    const before = await allValues();
    await tickAs({ ...env, ENCRYPTION_KEY_PREVIOUS: undefined } as Env);
    expect(await allValues()).toEqual(before);
    expect(await readSystemState(db, ROTATION_CURSOR_KEY)).toBeUndefined();
  });
});
