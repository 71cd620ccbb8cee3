// Retrying a failed run from its failed step never repeats a step that succeeded: a double
// counts the calls of step 1, step 2 fails, the cause is fixed, the retry succeeds, and
// step 1 was still called once. Between the failure and the retry the workspace is split over
// several run ledgers and the bundle's new runs move to another one: the retry is recorded with
// the run it retries, where the outputs it reuses are.
import { describe, expect, it } from "vitest";
import { shardOf } from "../../worker/runs/ledger";
import { call } from "./support/api";
import { createBundle } from "./support/bundles";
import { shardSql } from "./support/ledger";
import { runBundle, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

async function sentTexts(marker: string): Promise<string[]> {
  const state = (await (await fetch("http://telegram.fake/__admin/state")).json()) as { messages: Array<{ text: string }> };
  return state.messages.map((m) => m.text).filter((t) => t.includes(marker));
}

describe("retry of a failed run", () => {
  it("from the failed step: step 1 is reused, not called again", async () => {
    const u = await signUp("retry");
    const tg = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
      token: u.token,
      body: { app: "telegram", name: "bot", fields: { bot_token: "123456:TEST-token_abc", base_url: "http://telegram.fake" } },
    });
    const marker = `retry-${crypto.randomUUID()}`;
    // Step 2 uses an amoCRM token the double does not know yet: the run fails there.
    const amoToken = `token-${crypto.randomUUID()}`;
    const amo = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
      token: u.token,
      body: { app: "amocrm", name: "amo", fields: { base_url: "http://amocrm.fake", access_token: amoToken } },
    });
    const bundleId = await createBundle(u, {
      format: "bundle/1",
      name: "Notify, then look the contact up",
      trigger: { id: "start", app: "manual", event: "run" },
      steps: [
        { id: "notify", kind: "action", app: "telegram", action: "send_message", connection: tg.json.id, input: { chat_id: "-100777", text: `${marker} {{start.phone}}` } },
        { id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: amo.json.id, input: { query: "{{start.phone}}" } },
      ],
    });

    const failed = await runBundle(u, bundleId, { phone: "+79990001122" });
    expect(failed.status).toBe("failed");
    expect(failed.steps.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ["notify", "ok"],
      ["find", "error"],
    ]);
    expect(await sentTexts(marker)).toHaveLength(1);

    const shards = [2, 3, 4, 5, 6, 7, 8].find((n) => shardOf(bundleId, n) !== 0)!;
    expect((await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: { ledger_shards: shards } })).status).toBe(200);

    // The cause is fixed (the token becomes valid at the double), then the run is retried.
    const knobs = ((await (await fetch("http://amocrm.fake/__admin/state")).json()) as { knobs: { tokens: Record<string, string> } }).knobs;
    await fetch("http://amocrm.fake/__admin/knobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tokens: { ...knobs.tokens, [amoToken]: "valid" } }),
    });
    const retried = await call("POST", `/api/v1/w/${u.workspaceId}/runs/${failed.id}/retry`, { token: u.token, body: { from: "failed_step" } });
    expect(retried.status).toBe(202);
    const again = await waitForRun(u, retried.json.run_id);
    expect(again.status).toBe("success");
    expect(again.retry_of).toBe(failed.id);
    expect(again.steps.find((s: { id: string }) => s.id === "notify").notes).toContain("reused: this step succeeded in the run being retried");
    expect(await sentTexts(marker)).toHaveLength(1);
    expect((await shardSql(u.workspaceId, 0, "SELECT id FROM run WHERE retry_of = ?", failed.id)).map((r) => r.id)).toEqual([again.id]);

    // From the start, every step runs again: a second message is sent.
    const fromStart = await call("POST", `/api/v1/w/${u.workspaceId}/runs/${failed.id}/retry`, { token: u.token, body: { from: "start" } });
    expect((await waitForRun(u, fromStart.json.run_id)).status).toBe("success");
    expect(await sentTexts(marker)).toHaveLength(2);
  });
});
