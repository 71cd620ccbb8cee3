// When runs fail: one Telegram notification per failed run (rate-limited per bundle), and a
// bundle that keeps failing is paused with a visible reason. Plus log retention.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../db/client";
import { getRunnableVersion } from "../../db/queries/bundles";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { executeRun } from "../../worker/engine/execute-run";
import { NOTIFICATIONS_PER_HOUR } from "../../worker/engine/notify-failure";
import { call } from "./support/api";
import { createBundle, enableBundle, manualBundle } from "./support/bundles";
import { amocrmConnection, telegramConnection } from "./support/connections";
import { sentTo } from "./support/fakes";
import { fireLedgerAlarm, ledgerSql, recordRun } from "./support/ledger";
import { runBundle, waitForRun } from "./support/runs";
import { patchSettings, signUp, type User } from "./support/workspace";

/** A bundle whose every run fails (amoCRM refuses its token), telling `chat` when it does. */
async function failingBundle(u: User, chat: string) {
  const tg = await telegramConnection(u, { name: "alerts" });
  const amo = await amocrmConnection(u, { accessToken: `revoked-${crypto.randomUUID()}` });
  return createBundle(
    u,
    manualBundle({
      name: "Always fails",
      steps: [{ id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: amo, input: { query: "x" } }],
      settings: { notify_on_failure: { connection: tg, chat_id: chat } },
    }),
  );
}

describe("failed runs", () => {
  it("send one Telegram message each with the error and a link, at most N an hour per bundle", async () => {
    const u = await signUp("notify");
    const chat = `-100${Math.floor(Math.random() * 1e9)}`;
    const bundleId = await failingBundle(u, chat);
    const first = await runBundle(u, bundleId);
    expect(first.status).toBe("failed");
    const [message] = await sentTo(chat);
    expect(message).toContain("«Always fails» failed");
    expect(message).toContain(first.error);
    expect(message).toContain(`http://localhost/w/${u.workspaceId}/runs/${first.id}`);
    for (let i = 0; i < NOTIFICATIONS_PER_HOUR + 1; i++) await runBundle(u, bundleId);
    expect(await sentTo(chat)).toHaveLength(NOTIFICATIONS_PER_HOUR);
  });

  it("pause the bundle after N failures in a row, with the reason; enabling clears it", async () => {
    const u = await signUp("pause");
    expect((await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: { pause_after_failures: 3 } })).json.pause_after_failures).toBe(3);
    const bundleId = await failingBundle(u, "-100999");
    await enableBundle(u, bundleId);
    for (let i = 0; i < 2; i++) await runBundle(u, bundleId);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token })).json).toMatchObject({ enabled: true, paused_reason: null });
    await runBundle(u, bundleId);
    const paused = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token })).json;
    expect(paused.enabled).toBe(false);
    expect(paused.paused_reason).toMatch(/Paused after 3 failed runs in a row/);
    const enabled = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/enable`, { token: u.token });
    expect(enabled.json).toMatchObject({ enabled: true, paused_reason: null });
    // Enabled again, its failures count afresh: one more is not three in a row.
    await runBundle(u, bundleId);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token })).json.enabled).toBe(true);
  });

  it("count in a row in the order runs end: a run started before a failure and ended after it ends the streak", async () => {
    const u = await signUp("streak-order");
    await patchSettings(u, { pause_after_failures: 2 });
    // Fails when its trigger says so, succeeds otherwise.
    const failIfAsked = [{ id: "check", kind: "if", when: { left: "{{start.fail}}", op: "not_empty" }, then: [{ id: "halt", kind: "stop", status: "failed", reason: "asked to" }], else: [] }];
    const bundleId = await createBundle(u, manualBundle({ steps: failIfAsked }));
    await enableBundle(u, bundleId);
    // As a webhook's intake does: the run's message carries the bundle as read when it arrived.
    const asRead = await getRunnableVersion(openWorkspaceScope(database(env), u.workspaceId), bundleId, 1);
    const slow = await recordRun(u.workspaceId, bundleId, { fail: "" }, asRead);
    const failure = await recordRun(u.workspaceId, bundleId, { fail: "yes" }, asRead);
    const enabled = async () => (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token })).json.enabled;
    const statusOf = async (runId: string) => (await waitForRun(u, runId)).status;

    await executeRun(env, failure);
    expect(await statusOf(failure.runId)).toBe("failed");
    await executeRun(env, slow);
    expect(await statusOf(slow.runId)).toBe("success");
    // failed, success, failed: not two in a row
    const next = await recordRun(u.workspaceId, bundleId, { fail: "yes" });
    await executeRun(env, next);
    expect(await statusOf(next.runId)).toBe("failed");
    expect(await enabled()).toBe(true);
    // failed, failed: paused
    const last = await recordRun(u.workspaceId, bundleId, { fail: "yes" });
    await executeRun(env, last);
    expect(await statusOf(last.runId)).toBe("failed");
    expect(await enabled()).toBe(false);
  });
});

describe("log retention", () => {
  it("the ledger's alarm deletes runs older than the workspace's retention, with their step logs", async () => {
    const u = await signUp("retention");
    await patchSettings(u, { log_retention_days: 7 });
    const bundleId = await createBundle(u, manualBundle({ steps: [{ id: "s", kind: "stop" }] }));
    const old = await runBundle(u, bundleId);
    const recent = await runBundle(u, bundleId);
    await ledgerSql(u.workspaceId, "UPDATE run SET created_at = ? WHERE id = ?", Date.now() - 8 * 86_400_000, old.id);
    // Retention runs at most hourly; as if the last pass were long ago.
    await ledgerSql(u.workspaceId, "DELETE FROM meta WHERE key = 'retention_at'");
    expect(await fireLedgerAlarm(u.workspaceId)).toBe(true);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/runs/${old.id}`, { token: u.token })).status).toBe(404);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/runs/${recent.id}`, { token: u.token })).status).toBe(200);
    expect(await ledgerSql(u.workspaceId, "SELECT count(*) AS n FROM step_log WHERE run_id = ?", old.id)).toEqual([{ n: 0 }]);
    expect(await ledgerSql(u.workspaceId, "SELECT count(*) AS n FROM step_log WHERE run_id = ?", recent.id)).toEqual([{ n: 1 }]);
  });

  it("a pass deletes any number of expired runs: 600 go, more than one chunk and more than a statement's 100 parameters", async () => {
    const u = await signUp("retention-many");
    const bundleId = await createBundle(u, manualBundle({ steps: [{ id: "s", kind: "stop" }] }));
    for (let i = 0; i < 600; i++) await recordRun(u.workspaceId, bundleId, { i });
    const kept = await runBundle(u, bundleId);
    await ledgerSql(u.workspaceId, "UPDATE run SET status = 'success', settled = 1, created_at = ? WHERE id != ?", Date.now() - 31 * 86_400_000, kept.id);
    await ledgerSql(u.workspaceId, "DELETE FROM meta WHERE key = 'retention_at'");
    expect(await fireLedgerAlarm(u.workspaceId)).toBe(true);
    expect(await ledgerSql(u.workspaceId, "SELECT id FROM run")).toEqual([{ id: kept.id }]);
  });

  it("a bundle none of whose runs are kept any more forgets its failed runs in a row; one with a run kept counts on", async () => {
    const u = await signUp("retention-streak");
    await patchSettings(u, { log_retention_days: 7, pause_after_failures: 5 });
    const failing = () => manualBundle({ steps: [{ id: "halt", kind: "stop", status: "failed", reason: "no" }] });
    const deleted = await createBundle(u, failing());
    const kept = await createBundle(u, failing());
    const deletedRuns = [await runBundle(u, deleted), await runBundle(u, deleted)];
    const [oldRun] = [await runBundle(u, kept), await runBundle(u, kept)];
    const streaks = () => ledgerSql(u.workspaceId, "SELECT bundle_id, failures FROM failure_streak WHERE bundle_id IN (?, ?) ORDER BY failures", deleted, kept);
    expect((await streaks()).map((s) => s.failures)).toEqual([2, 2]);
    expect((await call("DELETE", `/api/v1/w/${u.workspaceId}/bundles/${deleted}`, { token: u.token })).status).toBe(204);
    for (const run of [...deletedRuns, oldRun]) await ledgerSql(u.workspaceId, "UPDATE run SET created_at = ? WHERE id = ?", Date.now() - 8 * 86_400_000, run.id);
    await ledgerSql(u.workspaceId, "DELETE FROM meta WHERE key = 'retention_at'");
    expect(await fireLedgerAlarm(u.workspaceId)).toBe(true);
    expect(await streaks()).toEqual([{ bundle_id: kept, failures: 2 }]);
    await runBundle(u, kept);
    expect(await streaks()).toEqual([{ bundle_id: kept, failures: 3 }]);
  });
});
