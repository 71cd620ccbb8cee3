// Faults (issue 9, docs/reliability.md): a CRM that times out, answers 500 or 429 with
// Retry-After, or drops the connection mid-response; a Workflow step that throws; a run whose
// instance fails and is resumed; a delivery stored by a Worker that died before starting it.
// Each test checks the run's final state, the error text in its log, that no side effect
// happened twice (counted at the doubles) and that nothing accepted was lost.
import { createExecutionContext, createScheduledController, introspectWorkflow, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { database } from "../../db/client";
import { insertRunOnce } from "../../db/queries/runs";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import type { Fault } from "../fakes/faults";
import { call, signUp } from "./support/api";
import { createBundle, forceRun, waitForRun } from "./support/runs";

const AMO = "http://amocrm.fake";
const CREATE = "POST /api/v4/contacts";

async function inject(fault: Omit<Fault, "count"> & { count?: number }) {
  await fetch("http://faults.fake/inject", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
}

interface Contact {
  id: number;
  custom_fields_values: Array<{ field_code: string; values: Array<{ value: string }> }> | null;
}

/** Contacts at the amoCRM double carrying this phone. */
async function contactsWithPhone(phone: string): Promise<Contact[]> {
  const state = (await (await fetch(`${AMO}/__admin/state`)).json()) as { contacts: Contact[] };
  return state.contacts.filter((c) => (c.custom_fields_values ?? []).some((f) => f.values.some((v) => v.value.replace(/\D/g, "") === phone.replace(/\D/g, ""))));
}

async function messagesWith(marker: string): Promise<string[]> {
  const state = (await (await fetch("http://telegram.fake/__admin/state")).json()) as { messages: Array<{ text: string }> };
  return state.messages.map((m) => m.text).filter((t) => t.includes(marker));
}

/** Lead → amoCRM contact (dedup by phone, retried) → Telegram message with the contact id. */
async function leadBundle(prefix: string, retry = { attempts: 3, backoff_seconds: 0 }) {
  const u = await signUp(prefix);
  const amo = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, { token: u.token, body: { app: "amocrm", name: "amo", fields: { base_url: AMO, access_token: "test-token" } } });
  const tg = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
    token: u.token,
    body: { app: "telegram", name: "bot", fields: { bot_token: "123456:TEST-token_abc", base_url: "http://telegram.fake" } },
  });
  const marker = `${prefix}-${crypto.randomUUID()}`;
  const bundleId = await createBundle(u.token, u.workspaceId, {
    format: "bundle/1",
    name: "Lead to contact",
    trigger: { id: "lead", app: "manual", event: "run" },
    steps: [
      {
        id: "contact",
        kind: "action",
        app: "amocrm",
        action: "create_contact",
        connection: amo.json.id,
        input: { name: "{{lead.name}}", phone: "{{lead.phone}}" },
        dedup: { match: [["phone"]], mode: "update_or_create" },
        retry,
      },
      { id: "notify", kind: "action", app: "telegram", action: "send_message", connection: tg.json.id, input: { chat_id: "-100500", text: `${marker} contact {{contact.id}}` } },
    ],
  });
  const phone = `+7912${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  return { u, bundleId, marker, phone, run: () => forceRun(u.token, u.workspaceId, bundleId, { name: "Lead", phone }) };
}

type RunJson = { status: string; error: string | null; steps: Array<{ id: string; attempt: number; status: string; error: string | null; started_at: string }> };
const attemptsOf = (run: RunJson, id: string) => run.steps.filter((s) => s.id === id).sort((a, b) => a.attempt - b.attempt);

afterEach(() => fetch("http://faults.fake/reset", { method: "POST" }));

describe("a connector that fails", () => {
  it("times out after the CRM wrote the contact: the retry finds it, one contact, one message", async () => {
    const lead = await leadBundle("timeout");
    await inject({ host: "amocrm.fake", match: CREATE, kind: "hang", after: true });
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run(), 60_000);
    expect(run.status).toBe("success");
    const [first, second] = attemptsOf(run, "contact");
    expect(first.error).toContain("did not answer within 15 s");
    expect(second.status).toBe("ok");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
  }, 60_000);

  it("answers 500: the attempt's error is logged, the next attempt creates the contact once", async () => {
    const lead = await leadBundle("http500");
    await inject({ host: "amocrm.fake", match: CREATE, kind: "status", status: 500 });
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run());
    expect(run.status).toBe("success");
    expect(attemptsOf(run, "contact").map((s) => s.status)).toEqual(["error", "ok"]);
    expect(attemptsOf(run, "contact")[0].error).toContain("failed with HTTP 500");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
  });

  it("answers 500 on every attempt: the run fails with the error, nothing is created or sent", async () => {
    const lead = await leadBundle("always500");
    await inject({ host: "amocrm.fake", match: CREATE, kind: "status", status: 500, count: 3 });
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run());
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/Step "contact" failed: .*HTTP 500/);
    expect(attemptsOf(run, "contact")).toHaveLength(3);
    expect(run.steps.find((s) => s.id === "notify")?.status).toBe("skipped");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(0);
    expect(await messagesWith(lead.marker)).toHaveLength(0);
  });

  it("answers 429 with Retry-After: the next attempt waits at least that long", async () => {
    const lead = await leadBundle("retry-after");
    await inject({ host: "amocrm.fake", match: CREATE, kind: "status", status: 429, retryAfter: 3 });
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run(), 30_000);
    expect(run.status).toBe("success");
    const [first, second] = attemptsOf(run, "contact");
    expect(first.error).toContain("Retry after 3 s");
    expect(Date.parse(second.started_at) - Date.parse(first.started_at)).toBeGreaterThanOrEqual(3000);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
  }, 30_000);

  it("drops the connection mid-response after the CRM wrote: the retry finds the contact, one contact", async () => {
    const lead = await leadBundle("drop");
    await inject({ host: "amocrm.fake", match: CREATE, kind: "drop", after: true });
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run());
    expect(run.status).toBe("success");
    const [first] = attemptsOf(run, "contact");
    expect(first.status).toBe("error");
    expect(first.error).toMatch(/Could not reach/);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
  });

  it("drops the connection after Telegram sent the message: the run fails and is not retried on its own (no second message)", async () => {
    const lead = await leadBundle("drop-send");
    await inject({ host: "telegram.fake", kind: "drop", after: true });
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run());
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/Step "notify" failed: Could not reach/);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
  });
});

describe("a Workflow step that throws", () => {
  it("once (an isolate lost mid-step): the Workflow retries the step and the run succeeds, contact created once", async () => {
    await using introspector = await introspectWorkflow(env.RUNS);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "contact#1" }, new Error("isolate lost"), 1);
    });
    const lead = await leadBundle("throw-once");
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run());
    expect(run.status).toBe("success");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
  });

  it("every time: the run ends failed with the error text instead of staying running", async () => {
    await using introspector = await introspectWorkflow(env.RUNS);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "notify#1" }, new Error("step exploded: out of memory"));
    });
    const lead = await leadBundle("throw-always");
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, await lead.run());
    expect(run.status).toBe("failed");
    expect(run.error).toContain("step exploded: out of memory");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(0);
  });
});

describe("a Worker restart mid-run", () => {
  it("the instance fails after step 1; resuming from the failed step does not repeat step 1", async () => {
    const lead = await leadBundle("restart");
    let failedRunId: string;
    {
      await using introspector = await introspectWorkflow(env.RUNS);
      await introspector.modifyAll(async (m) => {
        await m.disableRetryDelays();
        await m.mockStepError({ name: "notify#1" }, new Error("worker restarted"));
      });
      failedRunId = await lead.run();
      const failed: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, failedRunId);
      expect(failed.status).toBe("failed");
      expect(failed.error).toContain("worker restarted");
    }
    const creates = ((await (await fetch(`${AMO}/__admin/state`)).json()) as { creates: number }).creates;
    const resumed = await call("POST", `/api/v1/w/${lead.u.workspaceId}/runs/${failedRunId}/retry`, { token: lead.u.token, body: { from: "failed_step" } });
    expect(resumed.status).toBe(202);
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, resumed.json.run_id);
    expect(run.status).toBe("success");
    expect(((await (await fetch(`${AMO}/__admin/state`)).json()) as { creates: number }).creates).toBe(creates);
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
  });

  it("a run whose instance errored before recording anything is finished as failed by the cron, with the error", async () => {
    const lead = await leadBundle("stalled");
    let runId: string;
    {
      await using introspector = await introspectWorkflow(env.RUNS);
      await introspector.modifyAll(async (m) => {
        await m.disableRetryDelays();
        // Both the first step and the run's own last-resort "fail" step: the instance errors
        // and the run row is left queued, as a crash of the runtime would leave it.
        await m.mockStepError({ name: "load" }, new Error("storage unavailable"));
        await m.mockStepError({ name: "fail" }, new Error("storage unavailable"));
      });
      runId = await lead.run();
      await vi.waitFor(async () => expect((await (await env.RUNS.get(runId)).status()).status).toBe("errored"), { timeout: 15_000 });
      expect((await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${runId}`, { token: lead.u.token })).json.status).toBe("queued");
      await env.DB.prepare("UPDATE run SET created_at = ? WHERE id = ?").bind(Date.now() - 120_000, runId).run();
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), env, ctx);
      await waitOnExecutionContext(ctx);
    }
    const run: RunJson = (await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${runId}`, { token: lead.u.token })).json;
    expect(run.status).toBe("failed");
    expect(run.error).toContain("storage unavailable");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(0);
  });

  it("a delivery stored by a Worker that died before creating its instance is started by the cron", async () => {
    const lead = await leadBundle("outbox");
    const scope = openWorkspaceScope(database(env), lead.u.workspaceId);
    // What receiveDelivery stores before it answers; the instance was never created.
    const runId = `run-outbox-${crypto.randomUUID()}`;
    await insertRunOnce(scope, { id: runId, bundleId: lead.bundleId, bundleVersion: 1, eventKey: `delivery-${runId}`, trigger: { name: "Lead", phone: lead.phone } });
    await env.DB.prepare("UPDATE run SET created_at = ? WHERE id = ?").bind(Date.now() - 120_000, runId).run();
    expect((await call("GET", `/api/v1/w/${lead.u.workspaceId}/runs/${runId}`, { token: lead.u.token })).json.status).toBe("queued");
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    const run: RunJson = await waitForRun(lead.u.token, lead.u.workspaceId, runId);
    expect(run.status).toBe("success");
    expect(await contactsWithPhone(lead.phone)).toHaveLength(1);
    expect(await messagesWith(lead.marker)).toHaveLength(1);
  });
});
