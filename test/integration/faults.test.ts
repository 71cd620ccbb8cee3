// Faults (issue 9, docs/reliability.md): a CRM that times out, answers 500 or 429 with
// Retry-After, or drops the connection mid-response; a queue message delivered twice; an
// executor that dies between steps; a run whose message was lost; a poison run.
// Each test checks the run's final state, the error text in its log, that no side effect
// happened twice (counted at the doubles) and that nothing accepted was lost.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { executeRun } from "../../worker/engine/execute-run";
import { consumeRuns } from "../../worker/engine/queue-consumer";
import { ledgerOf } from "../../worker/runs/ledger";
import type { RunMessage } from "../../worker/runs/run-message";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { amocrmConnection, telegramConnection } from "./support/connections";
import { admin, amoContacts, AMOCRM, injectFault, resetFaults, sentContaining } from "./support/fakes";
import { fireLedgerAlarm, ledgerSql, recordRun } from "./support/ledger";
import { forceRun, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

const CREATE = "POST /api/v4/contacts";

/** Contacts at the amoCRM double carrying this phone. */
async function contactsWithPhone(phone: string) {
  return (await amoContacts()).filter((c) => (c.custom_fields_values ?? []).some((f) => f.values.some((v) => v.value.replace(/\D/g, "") === phone.replace(/\D/g, ""))));
}

/** Lead → amoCRM contact (dedup by phone, retried) → Telegram message with the contact id. */
async function leadBundle(prefix: string, retry = { attempts: 3, backoff_seconds: 0 }) {
  const u = await signUp(prefix);
  const amo = await amocrmConnection(u);
  const tg = await telegramConnection(u);
  const marker = `${prefix}-${crypto.randomUUID()}`;
  const bundleId = await createBundle(
    u,
    manualBundle({
      name: "Lead to contact",
      trigger: "lead",
      steps: [
        {
          id: "contact",
          kind: "action",
          app: "amocrm",
          action: "create_contact",
          connection: amo,
          input: { name: "{{lead.name}}", phone: "{{lead.phone}}" },
          dedup: { match: [["phone"]], mode: "update_or_create" },
          retry,
        },
        { id: "notify", kind: "action", app: "telegram", action: "send_message", connection: tg, input: { chat_id: "-100500", text: `${marker} contact {{contact.id}}` } },
      ],
    }),
  );
  const phone = `+7912${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  return { u, bundleId, marker, phone, run: () => forceRun(u, bundleId, { name: "Lead", phone }) };
}

type RunJson = { status: string; error: string | null; steps: Array<{ id: string; attempt: number; status: string; error: string | null; started_at: string }> };
const attemptsOf = (run: RunJson, id: string) => run.steps.filter((s) => s.id === id).sort((a, b) => a.attempt - b.attempt);

afterEach(resetFaults);

describe("a connector that fails", () => {
  it("times out after the CRM wrote the contact: the retry finds it, one contact, one message", async () => {
    const lead = await leadBundle("timeout");
    await injectFault({ host: "amocrm.fake", match: CREATE, kind: "hang", after: true });
    const run: RunJson = await waitForRun(lead.u, await lead.run());
    expect(run.status).toBe("success");
    const [first, second] = attemptsOf(run, "contact");
    expect(first.error).toContain("did not answer within 15 s");
    expect(second.status).toBe("ok");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
  }, 60_000);

  it("answers 500: the attempt's error is logged, the next attempt creates the contact once", async () => {
    const lead = await leadBundle("http500");
    await injectFault({ host: "amocrm.fake", match: CREATE, kind: "status", status: 500 });
    const run: RunJson = await waitForRun(lead.u, await lead.run());
    expect(run.status).toBe("success");
    expect(attemptsOf(run, "contact").map((s) => s.status)).toEqual(["error", "ok"]);
    expect(attemptsOf(run, "contact")[0].error).toContain("failed with HTTP 500");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
  });

  it("answers 500 on every attempt: the run fails with the error, nothing is created or sent", async () => {
    const lead = await leadBundle("always500");
    await injectFault({ host: "amocrm.fake", match: CREATE, kind: "status", status: 500, count: 3 });
    const run: RunJson = await waitForRun(lead.u, await lead.run());
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/Step "contact" failed: .*HTTP 500/);
    expect(attemptsOf(run, "contact")).toHaveLength(3);
    expect(run.steps.find((s) => s.id === "notify")?.status).toBe("skipped");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(0);
    expect(await sentContaining(lead.marker)).toHaveLength(0);
  });

  it("answers 429 with Retry-After: the next attempt waits at least that long", async () => {
    const lead = await leadBundle("retry-after");
    await injectFault({ host: "amocrm.fake", match: CREATE, kind: "status", status: 429, retryAfter: 3 });
    const run: RunJson = await waitForRun(lead.u, await lead.run());
    expect(run.status).toBe("success");
    const [first, second] = attemptsOf(run, "contact");
    expect(first.error).toContain("Retry after 3 s");
    expect(Date.parse(second.started_at) - Date.parse(first.started_at)).toBeGreaterThanOrEqual(3000);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
  }, 30_000);

  it("drops the connection mid-response after the CRM wrote: the retry finds the contact, one contact", async () => {
    const lead = await leadBundle("drop");
    await injectFault({ host: "amocrm.fake", match: CREATE, kind: "drop", after: true });
    const run: RunJson = await waitForRun(lead.u, await lead.run());
    expect(run.status).toBe("success");
    const [first] = attemptsOf(run, "contact");
    expect(first.status).toBe("error");
    expect(first.error).toMatch(/Could not reach/);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
  });

  it("drops the connection after Telegram sent the message: the run fails and is not retried on its own (no second message)", async () => {
    const lead = await leadBundle("drop-send");
    await injectFault({ host: "telegram.fake", kind: "drop", after: true });
    const run: RunJson = await waitForRun(lead.u, await lead.run());
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/Step "notify" failed: Could not reach/);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
  });
});

/** The lead bundle's run, recorded in the ledger with no queue message: the test delivers it. */
const recordedRun = (lead: Awaited<ReturnType<typeof leadBundle>>): Promise<RunMessage> => recordRun(lead.u.workspaceId, lead.bundleId, { name: "Lead", phone: lead.phone });

/** The Worker's env whose ledger dies with the executor right after recording `step`: no release, no finish. */
function dyingAfter(step: string): typeof env {
  const namespace = env.RUN_LEDGER;
  const ledger = {
    idFromName: (name: string) => namespace.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = namespace.get(id) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      return new Proxy(stub, {
        get(target, prop: string) {
          if (prop === "recordStep") {
            return async (...args: unknown[]) => {
              const held = await target.recordStep(...args);
              if (args[2] === step) throw new Error("the executor died");
              return held;
            };
          }
          if (prop === "release") return async () => {};
          return target[prop];
        },
      });
    },
  };
  return { ...env, RUN_LEDGER: ledger as unknown as typeof env.RUN_LEDGER };
}

const amoCreates = async (): Promise<number> => (await admin(AMOCRM, "state")).creates;

describe("the run plane (a queue message per run, a ledger per workspace)", () => {
  it("a message delivered twice at once runs each step once; a third after the end does nothing", async () => {
    const lead = await leadBundle("dup-message");
    const message = await recordedRun(lead);
    const creates = await amoCreates();
    const outcomes = await Promise.all([executeRun(env, message), executeRun(env, message)]);
    // One executor ran it; the other found it held and put its message back for later.
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["done", "later"]);
    expect(await executeRun(env, message)).toEqual({ kind: "done" });
    const run: RunJson = await waitForRun(lead.u, message.runId);
    expect(run.status).toBe("success");
    expect(await amoCreates()).toBe(creates + 1);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
    // Once settled, the step results kept for resuming are gone; the logs stay.
    expect(await ledgerSql(lead.u.workspaceId, "SELECT count(*) AS n FROM step_result WHERE run_id = ?", message.runId)).toEqual([{ n: 0 }]);
    expect(run.steps.map((s) => s.id)).toEqual(["contact", "notify"]);
  });

  it("a batch holding one run's message twice (taken together) runs it once, and the batch's other run too", async () => {
    const lead = await leadBundle("dup-in-batch");
    const first = await recordedRun(lead);
    const otherPhone = `+7913${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const second = await recordRun(lead.u.workspaceId, lead.bundleId, { name: "Other", phone: otherPhone });
    const creates = await amoCreates();
    const acked: string[] = [];
    const retried: string[] = [];
    const message = (id: string, body: RunMessage) => ({ id, body, timestamp: new Date(), attempts: 1, ack: () => acked.push(id), retry: () => retried.push(id) });
    const batch = { queue: "svyazka-runs", messages: [message("a", first), message("b", second), message("c", first)], ackAll() {}, retryAll() {} };
    await consumeRuns(batch as unknown as MessageBatch<RunMessage>, env);
    // The duplicate found the run held and went back on the queue for later: acked, not retried.
    expect(acked.sort()).toEqual(["a", "b", "c"]);
    expect(retried).toEqual([]);
    for (const runId of [first.runId, second.runId]) expect(((await waitForRun(lead.u, runId)) as RunJson).status).toBe("success");
    expect(await amoCreates()).toBe(creates + 2);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await sentContaining(lead.marker)).toHaveLength(2);
  });

  it("an executor that dies between steps: the next delivery resumes after the recorded step, repeating nothing", async () => {
    const lead = await leadBundle("crash-between");
    const message = await recordedRun(lead);
    const creates = await amoCreates();
    await expect(executeRun(dyingAfter("contact#1"), message)).rejects.toThrow("the executor died");
    expect((await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${message.runId}`, { token: lead.u.token })).json.status).toBe("running");
    // While the dead executor's lease holds, a redelivery waits instead of running the run twice.
    expect((await executeRun(env, message)).kind).toBe("later");
    await ledgerSql(lead.u.workspaceId, "UPDATE run SET lease_until = 0 WHERE id = ?", message.runId);
    expect(await executeRun(env, message)).toEqual({ kind: "done" });
    const run: RunJson = (await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${message.runId}`, { token: lead.u.token })).json;
    expect(run.status).toBe("success");
    expect(attemptsOf(run, "contact")).toHaveLength(1);
    expect(await amoCreates()).toBe(creates + 1);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
  });

  it("an executor that lost the run before finishing writes neither the last step's log nor the end", async () => {
    const lead = await leadBundle("lost-at-finish");
    const message = await recordedRun(lead);
    // Another executor takes the run over while this one sends the last step's message.
    const namespace = env.RUN_LEDGER;
    const overtaken = {
      ...env,
      RUN_LEDGER: {
        idFromName: (name: string) => namespace.idFromName(name),
        get: (id: DurableObjectId) => {
          const stub = namespace.get(id) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
          return new Proxy(stub, {
            get: (target, prop: string) =>
              prop === "finish"
                ? async (...args: unknown[]) => {
                    await ledgerSql(lead.u.workspaceId, "UPDATE run SET lease_owner = 'another' WHERE id = ?", message.runId);
                    return target.finish(...args);
                  }
                : target[prop],
          });
        },
      } as unknown as typeof env.RUN_LEDGER,
    };
    expect(await executeRun(overtaken, message)).toEqual({ kind: "done" });
    const run: RunJson = (await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${message.runId}`, { token: lead.u.token })).json;
    expect(run.status).toBe("running");
    expect(attemptsOf(run, "contact")).toHaveLength(1);
    expect(attemptsOf(run, "notify")).toHaveLength(0);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
  });

  it("a run whose message was lost is handed to the queue again by the ledger's sweep", async () => {
    const lead = await leadBundle("lost-message");
    const { runId } = await recordedRun(lead);
    await ledgerSql(lead.u.workspaceId, "UPDATE run SET touched_at = ? WHERE id = ?", Date.now() - 6 * 60_000, runId);
    expect(await ledgerOf(env, lead.u.workspaceId).sweepNow()).toEqual([runId]);
    const run: RunJson = await waitForRun(lead.u, runId);
    expect(run.status).toBe("success");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await sentContaining(lead.marker)).toHaveLength(1);
    // A sleeping run (backoff) is not stalled: the sweep leaves it to its delayed message.
    const sleeping = await recordedRun(lead);
    await ledgerSql(lead.u.workspaceId, "UPDATE run SET touched_at = ?, wake_at = ? WHERE id = ?", Date.now() - 6 * 60_000, Date.now() + 600_000, sleeping.runId);
    expect(await ledgerOf(env, lead.u.workspaceId).sweepNow()).toEqual([]);
  });

  it("the sweep hands over 100 stalled runs at a time, and the next sweep the others, not the same again", async () => {
    const u = await signUp("sweep-rotation");
    const bundleId = await createBundle(u, manualBundle({ name: "Quick", trigger: "t", steps: [{ id: "s", kind: "stop" }] }));
    const stalled: string[] = [];
    for (let i = 0; i < 150; i++) stalled.push((await recordRun(u.workspaceId, bundleId, { i })).runId);
    await ledgerSql(u.workspaceId, "UPDATE run SET touched_at = ?", Date.now() - 6 * 60_000);
    const ledger = ledgerOf(env, u.workspaceId);
    const first = await ledger.sweepNow();
    const second = await ledger.sweepNow();
    expect(first).toHaveLength(100);
    expect(second).toHaveLength(50);
    expect([...first, ...second].sort()).toEqual([...stalled].sort());
  });

  it("a wait longer than a queue delay sleeps in the ledger, and its alarm hands the run back once it is due", async () => {
    const u = await signUp("alarm-wait");
    const bundleId = await createBundle(u, manualBundle({ name: "Later", trigger: "t", steps: [{ id: "s", kind: "stop" }] }));
    const { runId } = await recordRun(u.workspaceId, bundleId, {});
    const ledger = ledgerOf(env, u.workspaceId);
    await ledger.take([{ runId, owner: "executor-1" }], 60_000, 10);
    // 13 hours: past the queue's 12-hour delay, so the executor parks it with the alarm.
    expect(await ledger.suspend(runId, "executor-1", "s#1 backoff", Date.now() + 13 * 3_600_000, true, [])).toBe(true);
    expect(await ledger.sweepNow()).toEqual([]);
    // The wait is over (the clock moved on 13 hours): the next alarm re-sends it.
    await ledgerSql(u.workspaceId, "UPDATE run SET touched_at = ?, wake_at = ? WHERE id = ?", Date.now() - 2000, Date.now() - 1000, runId);
    expect(await fireLedgerAlarm(u.workspaceId)).toBe(true);
    expect((await waitForRun(u, runId)).status).toBe("stopped"); // its stop step ran
  });

  it("a run that keeps killing its executor ends failed with the last error instead of staying running", async () => {
    const lead = await leadBundle("poison");
    const message = await recordedRun(lead);
    await ledgerSql(lead.u.workspaceId, "UPDATE run SET deliveries = 10, last_error = 'storage unavailable' WHERE id = ?", message.runId);
    expect(await executeRun(env, message)).toEqual({ kind: "done" });
    const run: RunJson = (await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${message.runId}`, { token: lead.u.token })).json;
    expect(run.status).toBe("failed");
    expect(run.error).toBe("The run stopped on an internal error after 10 tries: storage unavailable");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(0);
  });

  it("the run ends once: a second finish (the sweeper's, a late executor's) changes nothing", async () => {
    const lead = await leadBundle("finish-once");
    const message = await recordedRun(lead);
    const ledger = ledgerOf(env, lead.u.workspaceId);
    expect((await ledger.finish(message.runId, "failed", "first", []))?.finishedNow).toBe(true);
    const second = await ledger.finish(message.runId, "success", null, []);
    expect(second?.finishedNow).toBe(false);
    expect(second?.run).toMatchObject({ status: "failed", error: "first" });
  });
});
