// Deeply nested and oversized JSON at every entry point (issue 18): a bundle saved, imported or
// copied, a force run's payload and test data, a step test's trigger, a webhook delivery. Each is
// refused with a 4xx {error: {code, message, path}} naming the value past the bounds, and
// nothing is stored; the value at the bound is kept. An outside service's deep answer is cut,
// and the run goes on.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH } from "../../worker/json/bounds";
import { deeplyNested } from "../fuzz/random";
import { call } from "./support/api";
import { createBundle, enableWebhook, manualBundle, webhookBundle } from "./support/bundles";
import { ledgerSql } from "./support/ledger";
import { runBundle } from "./support/runs";
import { signUp, type User } from "./support/workspace";

/** `levels` objects inside each other: {"a": {"a": … 1}}. */
const nested = (levels: number) => JSON.parse(deeplyNested(levels, "object"));
/** The pointer of the first object past the depth bound inside `nested(…)` at `at`, itself the `level`-th level (the outermost is the 1st). */
const pastBound = (at: string, level: number) => at + "/a".repeat(MAX_JSON_DEPTH + 1 - level);

/** A manual bundle with this sample (none when undefined) and these steps. */
const manual = (sample?: unknown, steps: unknown[] = []) => manualBundle({ name: "Deep", sample, steps });
const httpStep = (input: Record<string, unknown>) => ({ id: "call", kind: "action", app: "http", action: "request", input: { method: "GET", url: "http://echo.fake/nested", ...input } });

const bundles = (u: User) => `/api/v1/w/${u.workspaceId}/bundles`;
const bundleCount = async (u: User) => (await call("GET", bundles(u), { token: u.token })).json.items.length;

function expectRefused(res: { status: number; json: any }, code: "too_deep" | "too_large", path: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.error.code).toBe(code);
  expect(res.json.error.path).toBe(path);
  expect(res.json.error.message).toContain(code === "too_deep" ? `nested more than ${MAX_JSON_DEPTH} levels deep` : "KiB as JSON");
}

describe("bundle documents", () => {
  it("a save with a step input nested 2,000 deep is refused naming the path; the bound itself is kept", async () => {
    const u = await signUp("deep-save");
    // document → steps → step → input → body: the body is the 5th level.
    const res = await call("POST", bundles(u), { token: u.token, body: manual(undefined, [httpStep({ body: nested(2000) })]) });
    expectRefused(res, "too_deep", pastBound("/steps/0/input/body", 5));
    expect(await bundleCount(u)).toBe(0);

    const atBound = nested(MAX_JSON_DEPTH - 4);
    const id = await createBundle(u, manual(undefined, [httpStep({ body: atBound })]));
    const update = await call("PUT", `${bundles(u)}/${id}`, { token: u.token, body: manual(nested(1100)) });
    // document → trigger → options → sample: the sample is the 4th level.
    expectRefused(update, "too_deep", pastBound("/trigger/options/sample", 4));
    const saved = await call("GET", `${bundles(u)}/${id}`, { token: u.token });
    expect(saved.json.version).toBe(1);
    expect(saved.json.document.steps[0].input.body).toEqual(atBound);
  });

  it("an import nested 10,000 deep is refused, plain or wrapped, and a document over 256 KiB too", async () => {
    const u = await signUp("deep-import");
    const deep = manual(undefined, [httpStep({ body: nested(10_000) })]);
    expectRefused(await call("POST", `${bundles(u)}/import`, { token: u.token, body: deep }), "too_deep", pastBound("/steps/0/input/body", 5));
    expectRefused(await call("POST", `${bundles(u)}/import`, { token: u.token, body: { bundle: deep, connections: {} } }), "too_deep", pastBound("/steps/0/input/body", 5));
    const big = manual({ notes: "x".repeat(MAX_DOCUMENT_BYTES) });
    expectRefused(await call("POST", bundles(u), { token: u.token, body: big }), "too_large", "");
    expectRefused(await call("POST", `${bundles(u)}/import`, { token: u.token, body: big }), "too_large", "");
    expect(await bundleCount(u)).toBe(0);
  });

  it("a document stored before the bounds is not copied past them", async () => {
    const u = await signUp("deep-copy");
    const id = await createBundle(u, manual({}));
    await env.DB.prepare("UPDATE bundle SET document = ? WHERE id = ?").bind(JSON.stringify(manual(nested(1100))), id).run();
    expectRefused(await call("POST", `${bundles(u)}/${id}/duplicate`, { token: u.token }), "too_deep", pastBound("/trigger/options/sample", 4));
    expect(await bundleCount(u)).toBe(1);
  });
});

describe("run payloads and test data", () => {
  it("a force run's payload nested 10,000 deep starts nothing; test data over 256 KiB is not saved", async () => {
    const u = await signUp("deep-run");
    const id = await createBundle(u, manual(undefined, [{ id: "done", kind: "stop", reason: "{{start.a}}" }]));
    const run = (payload: unknown, save = false) => call("POST", `${bundles(u)}/${id}/run`, { token: u.token, body: { payload, save_as_test_data: save } });
    expectRefused(await run(nested(10_000)), "too_deep", pastBound("/payload", 1));
    expectRefused(await run({ notes: "x".repeat(MAX_DOCUMENT_BYTES) }, true), "too_large", "/payload");
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${id}`, { token: u.token })).json.items).toEqual([]);
    expect((await call("GET", `${bundles(u)}/${id}`, { token: u.token })).json.test_data).toBeNull();
    expect((await run(nested(MAX_JSON_DEPTH), true)).status).toBe(202);
  });

  it("a step test's trigger nested too deep is refused naming the path", async () => {
    const u = await signUp("deep-step-test");
    const id = await createBundle(u, manual(undefined, [httpStep({ query: { levels: 1 } })]));
    const res = await call("POST", `${bundles(u)}/${id}/steps/call/test`, { token: u.token, body: { trigger: { order: nested(5000) } } });
    expectRefused(res, "too_deep", pastBound("/trigger/order", 2));
  });

  it("a delivery too large for test data is refused when loaded, and the test data stays as it was", async () => {
    const u = await signUp("deep-load");
    const id = await createBundle(u, webhookBundle());
    const hook = await enableWebhook(u, id);
    expect((await call("POST", hook, { body: { notes: "x".repeat(MAX_DOCUMENT_BYTES) } })).status).toBe(200);
    expectRefused(await call("POST", `${bundles(u)}/${id}/test-data/load`, { token: u.token }), "too_large", "/test_data");
    expect((await call("GET", `${bundles(u)}/${id}`, { token: u.token })).json.test_data).toBeNull();
  });
});

describe("webhook deliveries", () => {
  it("a body nested 10,000 deep is answered 400 naming the path and not stored; 64 levels are", async () => {
    const u = await signUp("deep-hook");
    const id = await createBundle(u, webhookBundle());
    const hook = await enableWebhook(u, id);
    expectRefused(await call("POST", hook, { rawBody: deeplyNested(10_000, "object") }), "too_deep", pastBound("", 1));
    // A list is kept under $body, the 2nd level.
    expectRefused(await call("POST", hook, { rawBody: deeplyNested(10_000, "array") }), "too_deep", "/$body" + "/0".repeat(MAX_JSON_DEPTH - 1));
    expect(await ledgerSql(u.workspaceId, "SELECT id FROM run WHERE bundle_id = ?", id)).toEqual([]);
    expect((await call("POST", hook, { rawBody: deeplyNested(MAX_JSON_DEPTH, "object") })).status).toBe(200);
    expect(await ledgerSql(u.workspaceId, "SELECT id FROM run WHERE bundle_id = ?", id)).toHaveLength(1);
  });
});

describe("a run whose data is deep", () => {
  it("an answer nested 10,000 deep is cut at the bound and the run succeeds", async () => {
    const u = await signUp("deep-answer");
    const id = await createBundle(u, manual(undefined, [httpStep({ query: { levels: "{{start.levels}}" } }), { id: "done", kind: "stop", reason: "status {{call.status}}" }]));
    const run = await runBundle(u, id, { levels: 10_000 });
    expect(run.status).toBe("stopped");
    expect(run.error).toBe("status 200");
    // The answer's body is cut on its own: its 64th level holds the marker.
    let body = run.steps[0].output.body;
    for (let level = 1; level < MAX_JSON_DEPTH; level++) body = body[0];
    expect(body).toEqual([`[nested deeper than ${MAX_JSON_DEPTH} levels: not kept]`]);
  });
});
