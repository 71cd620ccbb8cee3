// `bundle.finished`: B runs after each run of A that ends with the chosen status, receiving
// A's trigger data and step outputs; a chain that would loop is refused at save time.
import { describe, expect, it } from "vitest";
import { shardOf } from "../../worker/runs/ledger";
import { call, signUp } from "./support/api";
import { createBundle, forceRun, waitForRun } from "./support/runs";

const first = {
  format: "bundle/1",
  name: "A",
  trigger: { id: "start", app: "manual", event: "run" },
  steps: [
    { id: "check", kind: "filter", when: { left: "{{start.amount}}", op: "gt", right: "0" } },
    { id: "done", kind: "stop", status: "success", reason: "amount {{start.amount}}" },
  ],
};

const after = (bundleId: string, status: string, name = "B") => ({
  format: "bundle/1",
  name,
  trigger: { id: "prev", app: "bundle", event: "finished", options: { bundle: bundleId, status } },
  steps: [{ id: "echo", kind: "stop", reason: "{{prev.status}} {{prev.trigger.amount}} {{prev.steps.check.passed}}" }],
});

async function runsOf(u: { token: string; workspaceId: string }, bundleId: string) {
  return (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${bundleId}`, { token: u.token })).json.items as Array<{ id: string }>;
}

/** The id of the bundle's first run, once the chain has started it. */
async function firstRunOf(u: { token: string; workspaceId: string }, bundleId: string) {
  let runs: Array<{ id: string }> = [];
  for (let i = 0; i < 100 && runs.length === 0; i++) {
    runs = await runsOf(u, bundleId);
    await new Promise((r) => setTimeout(r, 50));
  }
  return runs[0].id;
}

describe("bundle.finished chaining", () => {
  it("runs B after A with A's data, only for the chosen status", async () => {
    const u = await signUp("chain");
    const a = await createBundle(u.token, u.workspaceId, first);
    const b = await createBundle(u.token, u.workspaceId, after(a, "any"));
    const onlyFailed = await createBundle(u.token, u.workspaceId, after(a, "failed", "C"));
    for (const id of [b, onlyFailed]) await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/enable`, { token: u.token });

    await waitForRun(u.token, u.workspaceId, await forceRun(u.token, u.workspaceId, a, { amount: "7" }));
    const run = await waitForRun(u.token, u.workspaceId, await firstRunOf(u, b));
    expect(run.error).toBe("stopped 7 1");
    expect(await runsOf(u, onlyFailed)).toHaveLength(0);
  });

  it("works when A and B are in different ledgers of a split workspace", async () => {
    const u = await signUp("chain-shards");
    await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: { ledger_shards: 4 } });
    const a = await createBundle(u.token, u.workspaceId, first);
    let b: string;
    do b = await createBundle(u.token, u.workspaceId, after(a, "any"));
    while (shardOf(b, 4) === shardOf(a, 4));
    await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${b}/enable`, { token: u.token });

    await waitForRun(u.token, u.workspaceId, await forceRun(u.token, u.workspaceId, a, { amount: "5" }));
    expect((await waitForRun(u.token, u.workspaceId, await firstRunOf(u, b))).error).toBe("stopped 5 1");
  });

  it("refuses a chain that would loop, naming the field", async () => {
    const u = await signUp("cycle");
    const a = await createBundle(u.token, u.workspaceId, first);
    const b = await createBundle(u.token, u.workspaceId, after(a, "any"));
    const res = await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${a}`, { token: u.token, body: after(b, "any", "A") });
    expect(res.status).toBe(400);
    expect(res.json.error.path).toBe("/trigger/options/bundle");
    expect(res.json.error.message).toMatch(/loop/);
    const self = await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${a}`, { token: u.token, body: after(a, "any", "A") });
    expect(self.status).toBe(400);
  });
});
