// The bundle list as the dashboard reads it (each bundle's last run, runs today, next run)
// and duplicating a bundle.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, enableBundle, manualBundle, scheduleBundle } from "./support/bundles";
import { ledgerSql } from "./support/ledger";
import { runBundle } from "./support/runs";
import { signUp, signUpMember } from "./support/workspace";

const manual = (name: string) =>
  manualBundle({ name, trigger: "order", sample: { amount: "5" }, steps: [{ id: "check", kind: "filter", when: { left: "{{order.amount}}", op: "gt", right: "10" } }] });

const scheduled = scheduleBundle({ every_minutes: 5 }, { name: "Every 5 minutes", steps: [{ id: "done", kind: "stop" }] });

async function listItem(token: string, ws: string, id: string) {
  const res = await call("GET", `/api/v1/w/${ws}/bundles`, { token });
  expect(res.status).toBe(200);
  return res.json.items.find((b: { id: string }) => b.id === id);
}

describe("bundle list summary", () => {
  it("shows each bundle's newest run and counts only today's runs (the workspace's day)", async () => {
    const u = await signUp("listsum");
    const ran = await createBundle(u, manual("Ran"));
    const idle = await createBundle(u, manual("Idle"));

    const first = await runBundle(u, ran, { amount: "50" });
    // yesterday's run counts as the last run only if it is the newest; here it is older
    await ledgerSql(u.workspaceId, "UPDATE run SET created_at = ? WHERE id = ?", Date.now() - 2 * 86_400_000, first.id);
    const second = await runBundle(u, ran, { amount: "1" });
    const third = await runBundle(u, ran, { amount: "2" });

    const item = await listItem(u.token, u.workspaceId, ran);
    expect(item.runs_today).toBe(2);
    expect(item.last_run).toEqual({ id: third.id, status: "filtered", started_at: third.started_at });
    expect(second.status).toBe("filtered");
    expect(item.trigger).toEqual({ app: "manual", event: "run" });
    expect(item.next_run_at).toBeNull();

    const never = await listItem(u.token, u.workspaceId, idle);
    expect(never.last_run).toBeNull();
    expect(never.runs_today).toBe(0);
  });

  it("an enabled schedule shows when it runs next", async () => {
    const u = await signUp("listnext");
    const id = await createBundle(u, scheduled);
    expect((await listItem(u.token, u.workspaceId, id)).next_run_at).toBeNull();
    await enableBundle(u, id);
    const next = Date.parse((await listItem(u.token, u.workspaceId, id)).next_run_at);
    expect(next).toBeGreaterThan(Date.now());
    expect(next).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
  });

  it("the bundle itself carries its stored test data", async () => {
    const u = await signUp("testdata");
    const id = await createBundle(u, manual("With data"));
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token })).json.test_data).toBeNull();
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: { payload: { amount: "77" }, save_as_test_data: true } });
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token })).json.test_data).toEqual({ amount: "77" });
  });
});

describe("duplicate a bundle", () => {
  it("makes a disabled copy named '(copy)' with the same steps, leaving the original alone", async () => {
    const u = await signUp("dup");
    const id = await createBundle(u, scheduled);
    await enableBundle(u, id);

    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/duplicate`, { token: u.token });
    expect(res.status).toBe(201);
    expect(res.json.version).toBe(1);
    expect(res.json.id).not.toBe(id);

    const copy = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${res.json.id}`, { token: u.token })).json;
    expect(copy.name).toBe("Every 5 minutes (copy)");
    expect(copy.enabled).toBe(false);
    expect(copy.next_run_at).toBeNull();
    expect(copy.document).toEqual({ ...scheduled, name: "Every 5 minutes (copy)" });
    const original = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token })).json;
    expect(original.name).toBe("Every 5 minutes");
    expect(original.enabled).toBe(true);
  });

  it("is refused to a viewer and for an unknown bundle", async () => {
    const owner = await signUp("dupowner");
    const viewer = await signUpMember(owner, "viewer", "dupviewer");
    const id = await createBundle(owner, manual("Mine"));
    expect((await call("POST", `/api/v1/w/${owner.workspaceId}/bundles/${id}/duplicate`, { token: viewer.token })).status).toBe(403);
    expect((await call("POST", `/api/v1/w/${owner.workspaceId}/bundles/nope/duplicate`, { token: owner.token })).status).toBe(404);
    expect((await call("GET", `/api/v1/w/${owner.workspaceId}/bundles`, { token: owner.token })).json.items).toHaveLength(1);
  });
});
