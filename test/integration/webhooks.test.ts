// Public webhook URLs: a delivery is stored as a run before the reply, redeliveries start
// nothing, a disabled bundle answers 410, big bodies 413, malformed JSON is kept as text,
// and VK's Callback API works on the same URL.
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import app from "../../worker/app";
import type { Env } from "../../worker/env";
import { meteredEnv } from "../../worker/meter";
import { REPLICA_SUFFIX, resetCounts, snapshot } from "../../worker/meter/counters";
import { WEBHOOK_TARGET_TTL_MS } from "../../db/queries/webhook-target-cache";
import { call } from "./support/api";
import { createBundle, enableWebhook, vkLeadBundle, webhookBundle } from "./support/bundles";
import { vkConnection } from "./support/connections";
import { runsOf, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

const catchAll = (options?: Record<string, unknown>) => webhookBundle({ name: "Catch", options, steps: [{ id: "done", kind: "stop", reason: "got {{hook.order_id}}" }] });

/** A new user's enabled bundle and the path of its webhook URL. */
async function hookBundle(prefix: string, document: unknown = catchAll()) {
  const u = await signUp(prefix);
  const id = await createBundle(u, document);
  return { u, id, path: await enableWebhook(u, id) };
}

function deliver(path: string, init: RequestInit) {
  return exports.default.fetch(new Request(`http://localhost${path}`, init));
}

describe("webhook URLs", () => {
  it("store the delivery as a run and answer ok; the run sees the body, query and method", async () => {
    const { u, id, path } = await hookBundle("hook");
    expect(path).toMatch(/^\/hooks\/[0-9a-f]{48}$/);
    const res = await deliver(`${path}?src=site`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer s3cr3t", "x-session-id": "sess-1", "x-signature": "sig-2", "x-request-id": "req-3" }, body: JSON.stringify({ order_id: 17 }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    const [run] = await runsOf(u, id);
    expect(run.trigger).toMatchObject({ order_id: 17, $query: { src: "site" }, $method: "POST" });
    expect(run.trigger.$headers).toMatchObject({ authorization: "••••", "x-session-id": "••••", "x-signature": "••••", "x-request-id": "req-3" });
    expect((await waitForRun(u, run.id)).error).toBe("got 17");
  });

  it("two identical bodies are two events; a repeated Idempotency-Key is one, with the first reply", async () => {
    const { u, id, path } = await hookBundle("idem", catchAll({ respond: "thanks {{hook.order_id}}" }));
    const body = JSON.stringify({ order_id: 5 });
    await deliver(path, { method: "POST", headers: { "content-type": "application/json" }, body });
    await deliver(path, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(await runsOf(u, id)).toHaveLength(2);
    const first = await deliver(path, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "k1" }, body: JSON.stringify({ order_id: 6 }) });
    const again = await deliver(path, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "k1" }, body: JSON.stringify({ order_id: 7 }) });
    expect(await first.text()).toBe("thanks 6");
    expect(await again.text()).toBe("thanks 6");
    expect(await runsOf(u, id)).toHaveLength(3);
  });

  it("a disabled bundle answers 410 with a clear message and queues nothing", async () => {
    const { u, id, path } = await hookBundle("off");
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/disable`, { token: u.token });
    const res = await deliver(path, { method: "POST", body: "{}" });
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("turned off");
    expect(await runsOf(u, id)).toHaveLength(0);
  });

  it("refuses bodies over 1 MiB with 413, and keeps malformed JSON as text in the run", async () => {
    const { u, id, path } = await hookBundle("body");
    const big = await deliver(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ x: "x".repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: { code: "payload_too_large", message: "Deliveries are limited to 1048576 bytes.", path: "" } });
    const bad = await deliver(path, { method: "POST", headers: { "content-type": "application/json" }, body: '{"order_id": 1,' });
    expect(bad.status).toBe(200);
    const [run] = await runsOf(u, id);
    expect(run.trigger.$body).toBe('{"order_id": 1,');
  });

  it("rotating the URL kills the old one", async () => {
    const { u, id, path } = await hookBundle("rotate");
    const rotated = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/webhook/rotate`, { token: u.token });
    // Webhook answers are English whatever the sender asks for.
    const old = await deliver(path, { method: "POST", headers: { "accept-language": "ru" }, body: "{}" });
    expect(old.status).toBe(404);
    expect(await old.json()).toEqual({ error: { code: "not_found", message: "No bundle has this webhook URL (it may have been rotated).", path: "" } });
    expect((await deliver(new URL(rotated.json.webhook_url).pathname, { method: "POST", body: "{}" })).status).toBe(200);
  });
});

describe("VK Callback API on the webhook URL", () => {
  async function vkBundle() {
    const u = await signUp("vkhook");
    const connection = await vkConnection(u);
    const id = await createBundle(u, vkLeadBundle(connection, { steps: [{ id: "s", kind: "stop", reason: "{{lead.phone}}" }] }));
    return { u, id, path: await enableWebhook(u, id) };
  }
  const lead = (secret: string) => ({
    type: "lead_forms_new",
    group_id: 555,
    secret,
    object: { lead_id: 31, group_id: 555, user_id: 1, form_id: 2, form_name: "Form", answers: [{ key: "phone_number", answer: "+79120001122" }] },
  });

  it("answers the confirmation, refuses a wrong secret with 403 storing nothing, runs a lead once", async () => {
    const { u, id, path } = await vkBundle();
    const confirm = await deliver(path, { method: "POST", body: JSON.stringify({ type: "confirmation", group_id: 555 }) });
    expect(await confirm.text()).toBe("conf-42");
    expect((await deliver(path, { method: "POST", body: JSON.stringify(lead("wrong")) })).status).toBe(403);
    expect(await runsOf(u, id)).toHaveLength(0);
    const ok = await deliver(path, { method: "POST", body: JSON.stringify(lead("vk-s3cret")) });
    expect(await ok.text()).toBe("ok");
    const retry = await deliver(path, { method: "POST", headers: { "x-retry-counter": "1" }, body: JSON.stringify(lead("vk-s3cret")) });
    expect(await retry.text()).toBe("ok");
    const runs = await runsOf(u, id);
    expect(runs).toHaveLength(1);
    expect((await waitForRun(u, runs[0].id)).error).toBe("+79120001122");
    expect(env.DB).toBeDefined();
  });
});

describe("content dedup (opt-in)", () => {
  it("deliveries whose dedupe_key renders the same are one run", async () => {
    const { u, id, path } = await hookBundle("content", catchAll({ dedupe_key: "{{hook.order_id}}", dedupe_hours: 1 }));
    for (const order of [1, 1, 2]) {
      await deliver(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ order_id: order, sent_at: Math.random() }) });
    }
    expect(await runsOf(u, id)).toHaveLength(2);
  });
});

describe("the delivery's D1 read", () => {
  it("is the bundle lookup, made in a Sessions API session so a read replica may serve it", async () => {
    const { u, id, path } = await hookBundle("replica");
    const metered = meteredEnv({ ...env, METER: "true" } as Env);
    resetCounts();
    const res = await app.fetch(new Request(`http://localhost${path}`, { method: "POST", body: "{}" }), metered, createExecutionContext());
    expect(res.status).toBe(200);
    const { d1 } = snapshot();
    expect(d1[`DB${REPLICA_SUFFIX}`]).toMatchObject({ statements: 1, reads: 1, writes: 0 });
    expect(d1.DB?.statements ?? 0).toBe(0); // nothing on the primary: the run went to the ledger
    expect(await runsOf(u, id)).toHaveLength(1);
  });
});

describe("the webhook target, kept for a second in the isolate", () => {
  const post = (path: string, metered: Env) => app.fetch(new Request(`http://localhost${path}`, { method: "POST", body: "{}" }), metered, createExecutionContext());

  it("a busy URL's deliveries share one D1 read; a change made through the API holds for the next delivery", async () => {
    const { u, id, path } = await hookBundle("kept");
    const metered = meteredEnv({ ...env, METER: "true" } as Env);
    resetCounts();
    for (let i = 0; i < 3; i++) expect((await post(path, metered)).status).toBe(200);
    expect(snapshot().d1[`DB${REPLICA_SUFFIX}`]).toMatchObject({ statements: 1 });
    expect(await runsOf(u, id)).toHaveLength(3);

    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/disable`, { token: u.token });
    expect((await deliver(path, { method: "POST", body: "{}" })).status).toBe(410);
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/enable`, { token: u.token });
    expect((await deliver(path, { method: "POST", body: "{}" })).status).toBe(200);
    const rotated = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/webhook/rotate`, { token: u.token });
    expect((await deliver(path, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await deliver(new URL(rotated.json.webhook_url).pathname, { method: "POST", body: "{}" })).status).toBe(200);
  });

  it("a change made elsewhere (another isolate, straight in D1) holds within a second", async () => {
    const { id, path } = await hookBundle("elsewhere");
    expect((await deliver(path, { method: "POST", body: "{}" })).status).toBe(200);
    await env.DB.prepare("UPDATE bundle SET enabled = 0 WHERE id = ?").bind(id).run();
    await new Promise((r) => setTimeout(r, WEBHOOK_TARGET_TTL_MS + 50));
    expect((await deliver(path, { method: "POST", body: "{}" })).status).toBe(410);
  });
});
