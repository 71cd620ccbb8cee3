// Runs through the real run plane (intake, queue, ledger) with steps that need no outside service: statuses,
// step logs, skipped steps, filters, versions, and the one-event-one-run guarantee.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { startRun } from "../../worker/runs/intake";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { forceRun, runBundle, runsOf, waitForRun } from "./support/runs";
import { signUp, signUpMember } from "./support/workspace";

const routed = manualBundle({
  name: "Route by amount",
  trigger: "order",
  sample: { amount: "5" },
  steps: [
    { id: "big", kind: "router", routes: [{ when: { left: "{{order.amount}}", op: "gt", right: "100" }, goto: "vip" }], otherwise: "regular" },
    { id: "vip", kind: "stop", reason: "VIP order {{order.amount}}" },
    { id: "regular", kind: "filter", when: { left: "{{order.amount}}", op: "gte", right: "10" } },
    { id: "done", kind: "stop", reason: "regular" },
  ],
});

describe("runs on the run plane", () => {
  it("a forced run with a payload follows the router and logs skipped steps", async () => {
    const u = await signUp("engine");
    const bundleId = await createBundle(u, routed);
    const run = await runBundle(u, bundleId, { amount: "250" });
    expect(run.status).toBe("stopped");
    expect(run.error).toBe("VIP order 250");
    expect(run.trigger).toEqual({ amount: "250" });
    expect(run.bundle_version).toBe(1);
    const byId = Object.fromEntries(run.steps.map((s: { id: string; status: string }) => [s.id, s.status]));
    expect(byId).toEqual({ big: "ok", vip: "stopped", regular: "skipped", done: "skipped" });
  });

  it("without a payload the manual trigger's sample is used; a failing filter ends the run as filtered", async () => {
    const u = await signUp("engine2");
    const bundleId = await createBundle(u, routed);
    const run = await runBundle(u, bundleId);
    expect(run.trigger).toEqual({ amount: "5" });
    expect(run.status).toBe("filtered");
  });

  it("a run records the version it ran; saving makes a new version", async () => {
    const u = await signUp("versions");
    const bundleId = await createBundle(u, routed);
    const saved = await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token, body: { ...routed, name: "Renamed" } });
    expect(saved.json).toEqual({ id: bundleId, version: 2 });
    const run = await runBundle(u, bundleId, { amount: "500" });
    expect(run.bundle_version).toBe(2);
    const versions = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/versions`, { token: u.token });
    expect(versions.json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("one event never starts two runs", async () => {
    const u = await signUp("once");
    const bundleId = await createBundle(u, routed);
    const scope = openWorkspaceScope(database(env), u.workspaceId);
    const event = { bundleId, bundleVersion: 1, eventKey: "delivery-42", trigger: { amount: "1000" } };
    const [a, b] = await Promise.all([startRun(env, scope, event), startRun(env, scope, event)]);
    expect(a.run.id).toBe(b.run.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    await waitForRun(u, a.run.id);
    expect(await runsOf(u, bundleId)).toHaveLength(1);
  });

  it("lists runs newest first with a cursor, filtered by status", async () => {
    const u = await signUp("pages");
    const bundleId = await createBundle(u, routed);
    const ids: string[] = [];
    for (const amount of ["500", "1", "600"]) ids.push(await forceRun(u, bundleId, { amount }));
    for (const id of ids) await waitForRun(u, id);
    const page1 = await call("GET", `/api/v1/w/${u.workspaceId}/runs?limit=2`, { token: u.token });
    expect(page1.json.items).toHaveLength(2);
    const page2 = await call("GET", `/api/v1/w/${u.workspaceId}/runs?limit=2&cursor=${encodeURIComponent(page1.json.next_cursor)}`, { token: u.token });
    expect(page2.json.items).toHaveLength(1);
    expect(page2.json.next_cursor).toBeNull();
    const all = [...page1.json.items, ...page2.json.items].map((r: { id: string }) => r.id);
    expect(new Set(all)).toEqual(new Set(ids));
    const filtered = await call("GET", `/api/v1/w/${u.workspaceId}/runs?status=filtered`, { token: u.token });
    expect(filtered.json.items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    const bad = await call("GET", `/api/v1/w/${u.workspaceId}/runs?cursor=garbage`, { token: u.token });
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toBe("/cursor");
  });

  it("a viewer may read runs but not start them", async () => {
    const owner = await signUp("runowner");
    const viewer = await signUpMember(owner, "viewer", "runviewer");
    const bundleId = await createBundle(owner, routed);
    expect((await call("POST", `/api/v1/w/${owner.workspaceId}/bundles/${bundleId}/run`, { token: viewer.token, body: {} })).status).toBe(403);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/runs`, { token: viewer.token })).status).toBe(200);
  });
});

describe("bundle validation through the API", () => {
  it("names the offending field and lists every problem", async () => {
    const u = await signUp("invalid");
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, {
      token: u.token,
      body: { ...routed, steps: [...routed.steps, { id: "big", kind: "stop" }, { id: "late", kind: "stop", reason: "{{nowhere.x}}" }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.path).toBe("/steps/4/id");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["/steps/4/id", "/steps/5/reason"]));
    const unknownKey = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: { ...routed, extra: 1 } });
    expect(unknownKey.json.error.path).toBe("/extra");
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token })).json.items).toEqual([]);
  });
});
