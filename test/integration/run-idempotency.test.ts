// Starting runs by hand with an Idempotency-Key (a double click on "Run", a client resending
// after a lost answer): the same request with the same key answers the same run ids and starts
// nothing new; another key, or none, is another run. A malformed key is a 400 on its header.
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { runsOf, waitForRun } from "./support/runs";
import { signUp, type User } from "./support/workspace";

let u: User;
let bundleId: string;

const runCount = async () => (await runsOf(u, bundleId)).length;
const forceRun = (key?: string, payload: unknown = { who: "ann" }) =>
  call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/run`, { token: u.token, headers: key ? { "idempotency-key": key } : {}, body: { payload } });

beforeAll(async () => {
  u = await signUp("idem");
  bundleId = await createBundle(u, manualBundle({ name: "Fails", steps: [{ id: "give_up", kind: "stop", status: "failed", reason: "no luck for {{start.who}}" }] }));
});

describe("force run", () => {
  it("twice at once with one key starts one run and answers its id both times", async () => {
    const key = crypto.randomUUID();
    const before = await runCount();
    const [first, second] = await Promise.all([forceRun(key), forceRun(key)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.json.run_id).toBe(first.json.run_id);
    expect((await forceRun(key)).json.run_id).toBe(first.json.run_id);
    expect(await runCount()).toBe(before + 1);
    await waitForRun(u, first.json.run_id);

    // Another key, or no key, is another click: another run.
    expect((await forceRun(crypto.randomUUID())).json.run_id).not.toBe(first.json.run_id);
    const [a, b] = [await forceRun(), await forceRun()];
    expect(a.json.run_id).not.toBe(b.json.run_id);
    expect(await runCount()).toBe(before + 4);
  });

  it("refuses a key that is not 1 to 200 visible characters, naming the header", async () => {
    for (const key of ["x".repeat(201), "two words"]) {
      const res = await forceRun(key);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: "validation_failed", path: "/idempotency-key" });
      expect(res.json.error.message).toContain("visible ASCII");
    }
  });
});

describe("retry", () => {
  it("of one run, sent again with its key, answers the same retry", async () => {
    const failed = await waitForRun(u, (await forceRun(crypto.randomUUID())).json.run_id);
    const key = crypto.randomUUID();
    const retry = () => call("POST", `/api/v1/w/${u.workspaceId}/runs/${failed.id}/retry`, { token: u.token, headers: { "idempotency-key": key }, body: { from: "start" } });
    const before = await runCount();
    const first = await retry();
    expect(first.status).toBe(202);
    await waitForRun(u, first.json.run_id);
    expect((await retry()).json.run_id).toBe(first.json.run_id);
    expect(await runCount()).toBe(before + 1);
  });

  it("of several runs, sent again with its key, answers the same items and starts none", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await waitForRun(u, (await forceRun(crypto.randomUUID())).json.run_id)).id);
    const key = crypto.randomUUID();
    const retry = () => call("POST", `/api/v1/w/${u.workspaceId}/runs/retry`, { token: u.token, headers: { "idempotency-key": key }, body: { run_ids: ids } });
    const before = await runCount();
    const first = await retry();
    expect(first.status).toBe(202);
    expect((await retry()).json).toEqual(first.json);
    expect(await runCount()).toBe(before + 2);
  });
});
