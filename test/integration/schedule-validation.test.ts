// Schedules that can never run are refused where they are written — save, import and the
// next-runs preview — with a 400 naming `/trigger/schedule/cron` (or `/schedule/cron`): an
// expression croner refuses, and one that matches no date. Nothing is saved. A bad expression
// stored before saves were checked cannot stop the cron's tick for other bundles.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, enableBundle, scheduleBundle } from "./support/bundles";
import { nextRunAt, tick } from "./support/cron";
import { runsOf } from "./support/runs";
import { signUp, type User } from "./support/workspace";

const scheduled = (cron: string) => scheduleBundle({ cron, timezone: "Europe/Moscow" }, { steps: [{ id: "done", kind: "stop" }] });

const OUT_OF_RANGE = "61 * * * *";
const NO_SUCH_DATE = "* * 31 2 *";

function expectRefusal(res: { status: number; json: any }, path: string, said: RegExp) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.error).toMatchObject({ code: "validation_failed", path, message: expect.stringMatching(said) });
}

const versionsOf = async (u: User, id: string) => (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}/versions`, { token: u.token })).json.items;

describe("saving a bundle", () => {
  it("refuses a cron expression croner cannot read, naming the field", async () => {
    const u = await signUp("cronsave");
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: scheduled(OUT_OF_RANGE) });
    expectRefusal(res, "/trigger/schedule/cron", /^The cron expression "61 \* \* \* \*" has an invalid minute "61" \(allowed: 0–59\)\.$/);
    expect(res.json.error.details).toEqual([{ code: "invalid_cron", path: "/trigger/schedule/cron", message: res.json.error.message }]);
  });

  it("refuses one that matches no date", async () => {
    const u = await signUp("cronnever");
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: scheduled(NO_SUCH_DATE) });
    expectRefusal(res, "/trigger/schedule/cron", /never runs/);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token })).json.items).toEqual([]);
  });

  it("an edit of an enabled bundle is refused with nothing saved: no new version, the next run kept", async () => {
    const u = await signUp("cronedit");
    const id = await createBundle(u, scheduled("0 9 * * *"));
    await enableBundle(u, id);
    const before = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token })).json;

    const res = await call("PUT", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token, body: scheduled(OUT_OF_RANGE) });
    expectRefusal(res, "/trigger/schedule/cron", /invalid minute/);
    const after = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}`, { token: u.token })).json;
    expect(after).toMatchObject({ version: 1, next_run_at: before.next_run_at, document: scheduled("0 9 * * *") });
    expect(await versionsOf(u, id)).toHaveLength(1);
  });

  it("answers in Russian when asked", async () => {
    const u = await signUp("cronru");
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: scheduled(NO_SUCH_DATE), headers: { "accept-language": "ru" } });
    expectRefusal(res, "/trigger/schedule/cron", /^Выражение cron «\* \* 31 2 \*» никогда не сработает/);
  });
});

describe("importing a bundle", () => {
  it("refuses a schedule that can never run", async () => {
    const u = await signUp("cronimport");
    for (const cron of [OUT_OF_RANGE, NO_SUCH_DATE]) {
      const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/import`, { token: u.token, body: { bundle: scheduled(cron), connections: {} } });
      expectRefusal(res, "/trigger/schedule/cron", /cron expression/);
    }
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token })).json.items).toEqual([]);
  });
});

describe("the next-runs preview", () => {
  const preview = (u: User, schedule: unknown) => call("POST", "/api/v1/schedule/next-runs", { token: u.token, body: { schedule, count: 3 } });

  it("refuses what a save would refuse, at /schedule/cron", async () => {
    const u = await signUp("cronpreview");
    expectRefusal(await preview(u, { cron: OUT_OF_RANGE }), "/schedule/cron", /invalid minute "61"/);
    expectRefusal(await preview(u, { cron: "0 0 * 13 *" }), "/schedule/cron", /invalid month "13"/);
    expectRefusal(await preview(u, { cron: NO_SUCH_DATE, timezone: "UTC" }), "/schedule/cron", /never runs/);
  });

  it("still shows the next times of one that runs, 29 February included", async () => {
    const u = await signUp("cronleap");
    const res = await call("POST", "/api/v1/schedule/next-runs", { token: u.token, body: { schedule: { cron: "0 0 29 2 *" }, count: 2, after: "2026-01-01T00:00:00Z" } });
    expect(res.status).toBe(200);
    expect(res.json.next).toEqual(["2028-02-29T00:00:00.000Z", "2032-02-29T00:00:00.000Z"]);
  });
});

describe("a bad expression stored before saves were checked", () => {
  it("does not stop the tick: the other due bundles still run", async () => {
    const u = await signUp("cronlegacy");
    const stale = await createBundle(u, scheduled("0 9 * * *"));
    const healthy = await createBundle(u, { ...scheduled("* * * * *"), name: "Every minute" });
    for (const id of [stale, healthy]) await enableBundle(u, id);
    const due = Date.now() + 3_600_000;
    await env.DB.prepare("UPDATE bundle SET document = ?, next_run_at = ? WHERE id = ?").bind(JSON.stringify(scheduled(OUT_OF_RANGE)), due - 60_000, stale).run();
    await env.DB.prepare("UPDATE bundle SET next_run_at = ? WHERE id = ?").bind(due, healthy).run();

    await tick(due);
    expect(await runsOf(u, healthy)).toHaveLength(1);
    expect(await nextRunAt(stale)).toBeNull(); // it never fires again, and is no longer due every minute
  });
});
