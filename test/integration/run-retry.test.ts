// Retrying a failed run from its failed step never repeats a step that succeeded: a double
// counts the calls of step 1, step 2 fails, the cause is fixed, the retry succeeds, and
// step 1 was still called once. Between the failure and the retry the workspace is split over
// several run ledgers and the bundle's new runs move to another one: the retry is recorded with
// the run it retries, where the outputs it reuses are.
import { describe, expect, it } from "vitest";
import { shardOf } from "../../worker/runs/ledger-shard";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { amocrmConnection, telegramConnection } from "./support/connections";
import { admin, AMOCRM, sentContaining } from "./support/fakes";
import { shardSql } from "./support/ledger";
import { runBundle, waitForRun } from "./support/runs";
import { patchSettings, signUp } from "./support/workspace";

describe("retry of a failed run", () => {
  it("from the failed step: step 1 is reused, not called again", async () => {
    const u = await signUp("retry");
    const tg = await telegramConnection(u);
    const marker = `retry-${crypto.randomUUID()}`;
    // Step 2 uses an amoCRM token the double does not know yet: the run fails there.
    const amoToken = `token-${crypto.randomUUID()}`;
    const amo = await amocrmConnection(u, { accessToken: amoToken });
    const bundleId = await createBundle(
      u,
      manualBundle({
        name: "Notify, then look the contact up",
        steps: [
          { id: "notify", kind: "action", app: "telegram", action: "send_message", connection: tg, input: { chat_id: "-100777", text: `${marker} {{start.phone}}` } },
          { id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: amo, input: { query: "{{start.phone}}" } },
        ],
      }),
    );

    const failed = await runBundle(u, bundleId, { phone: "+79990001122" });
    expect(failed.status).toBe("failed");
    expect(failed.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ["notify", "ok"],
      ["find", "error"],
    ]);
    expect(await sentContaining(marker)).toHaveLength(1);

    const shards = [2, 3, 4, 5, 6, 7, 8].find((n) => shardOf(bundleId, n) !== 0)!;
    await patchSettings(u, { ledger_shards: shards });

    // The cause is fixed (the token becomes valid at the double), then the run is retried.
    const { knobs } = await admin(AMOCRM, "state");
    await admin(AMOCRM, "knobs", { tokens: { ...knobs.tokens, [amoToken]: "valid" } });
    const retried = await call("POST", `/api/v1/w/${u.workspaceId}/runs/${failed.id}/retry`, { token: u.token, body: { from: "failed_step" } });
    expect(retried.status).toBe(202);
    const again = await waitForRun(u, retried.json.run_id);
    expect(again.status).toBe("success");
    expect(again.retry_of).toBe(failed.id);
    expect(again.steps.find((s: { id: string }) => s.id === "notify").notes).toContain("reused: this step succeeded in the run being retried");
    expect(await sentContaining(marker)).toHaveLength(1);
    expect((await shardSql(u.workspaceId, 0, "SELECT id FROM run WHERE retry_of = ?", failed.id)).map((r) => r.id)).toEqual([again.id]);

    // From the start, every step runs again: a second message is sent.
    const fromStart = await call("POST", `/api/v1/w/${u.workspaceId}/runs/${failed.id}/retry`, { token: u.token, body: { from: "start" } });
    expect((await waitForRun(u, fromStart.json.run_id)).status).toBe("success");
    expect(await sentContaining(marker)).toHaveLength(2);
  });
});
