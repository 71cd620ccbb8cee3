// The step runner driven by an in-memory DurableStep and a scripted connector: which steps
// run, which are skipped, how runs end, retries and reuse.
import { describe, expect, it } from "vitest";
import type { ActionStep, Step } from "../../../worker/flow";
import type { DurableStep } from "../../../worker/engine/durable-step";
import { RunState } from "../../../worker/engine/run-state";
import type { ActionAttempt, RunnerContext } from "../../../worker/engine/runner-context";
import { runStepList } from "../../../worker/engine/step-runner";

type Script = (step: ActionStep, attempt: number, scope: Record<string, unknown>) => ActionAttempt;

function harness(script: Script, reused: Record<string, Record<string, unknown>> = {}) {
  const done = new Map<string, unknown>();
  const sleeps: Array<[string, number]> = [];
  const calls: string[] = [];
  const written: string[] = [];
  const durable: DurableStep = {
    async do(name, fn) {
      if (!done.has(name)) {
        const { value, logs } = await fn(Promise.resolve());
        written.push(...logs.map((l) => `${l.stepId}:${l.status}`));
        done.set(name, value);
      }
      return done.get(name) as any;
    },
    async sleep(name, ms) {
      sleeps.push([name, ms]);
    },
  };
  const state = new RunState("lead", { phone: "+79120000000", email: "a@b.co" }, { run: { id: "r1" }, bundle: { id: "b1" } });
  const ctx: RunnerContext = {
    state,
    durable,
    reused: new Map(Object.entries(reused)),
    now: () => 0,
    attemptAction: async (step, attempt, seq, scope) => {
      calls.push(`${step.id}#${attempt}`);
      const result = script(step, attempt, scope);
      return { result, log: { stepId: step.id, attempt, seq, status: result.ok ? "ok" : "error", startedAt: 0, durationMs: 0 } };
    },
  };
  return { ctx, state, sleeps, calls, written, durable };
}

const ok = (output: Record<string, unknown> = {}): ActionAttempt => ({ ok: true, output, error: "", transient: false });
const act = (id: string, extra: Partial<ActionStep> = {}): ActionStep => ({ id, kind: "action", app: "http", action: "request", input: {}, ...extra });

describe("the step runner", () => {
  it("router jumps forward and logs the steps it jumped over as skipped", async () => {
    const steps: Step[] = [
      act("find"),
      { id: "route", kind: "router", routes: [{ when: { left: "{{find.id}}", op: "not_empty" }, goto: "update" }], otherwise: "create" },
      act("create"),
      { id: "done_create", kind: "stop" },
      act("update"),
    ];
    const h = harness((step) => ok(step.id === "find" ? { id: "42" } : {}));
    const verdict = await runStepList(steps, h.ctx);
    expect(verdict).toEqual({ kind: "next" });
    expect(h.calls).toEqual(["find#1", "update#1"]);
    expect(h.state.steps.get("create")?.$status).toBe("skipped");
    expect(h.state.steps.get("done_create")?.$status).toBe("skipped");
    expect(h.state.steps.get("update")?.$ok).toBe(1);
  });

  it("router `otherwise: stop` ends the run as stopped", async () => {
    const h = harness(() => ok());
    const verdict = await runStepList([{ id: "r", kind: "router", routes: [], otherwise: "stop" }, act("never")], h.ctx);
    expect(verdict).toMatchObject({ kind: "end", status: "stopped" });
    expect(h.calls).toEqual([]);
  });

  it("a stop step's log says what the run says: stopped, or error with the reason", async () => {
    const stopped = harness(() => ok());
    await runStepList([act("find"), { id: "done", kind: "stop" }], stopped.ctx);
    expect(stopped.state.takeLogs().map((l) => `${l.stepId}:${l.status}`)).toContain("done:stopped");

    const failed = harness(() => ok({ id: "42" }));
    const verdict = await runStepList([act("find"), { id: "refuse", kind: "stop", status: "failed", reason: "No phone for {{find.id}}" }], failed.ctx);
    expect(verdict).toEqual({ kind: "end", status: "failed", reason: "No phone for 42" });
    expect(failed.state.takeLogs().find((l) => l.stepId === "refuse")).toMatchObject({ status: "error", error: "No phone for 42" });
    expect(failed.state.steps.get("refuse")).toMatchObject({ $ok: 0, $status: "error", $error: "No phone for 42" });
  });

  it("if runs one branch and marks the other skipped; later steps see $ok of branch steps", async () => {
    const steps: Step[] = [
      act("update_order", { on_error: "continue" }),
      { id: "if_failed", kind: "if", when: { left: "{{update_order.$ok}}", op: "eq", right: "0" }, then: [act("create_order")], else: [act("log_ok")] },
      act("after"),
    ];
    const h = harness((step) => (step.id === "update_order" ? { ok: false, output: {}, error: "Order 7 not found", transient: false } : ok({ id: "9" })));
    await runStepList(steps, h.ctx);
    expect(h.calls).toEqual(["update_order#1", "create_order#1", "after#1"]);
    expect(h.state.steps.get("update_order")).toMatchObject({ $ok: 0, $error: "Order 7 not found", $status: "error" });
    expect(h.state.steps.get("log_ok")?.$status).toBe("skipped");
  });

  it("a failing action without on_error=continue fails the run with its error", async () => {
    const h = harness(() => ({ ok: false, output: {}, error: "422: title is required", transient: false }));
    const verdict = await runStepList([act("create"), act("next")], h.ctx);
    expect(verdict).toMatchObject({ kind: "end", status: "failed", reason: { en: 'Step "create" failed: 422: title is required', ru: "Шаг «create» не выполнен: 422: title is required" } });
    expect(h.calls).toEqual(["create#1"]);
  });

  it("retries transient failures, waiting at least Retry-After, each attempt its own durable step", async () => {
    let n = 0;
    const h = harness(() => (++n < 3 ? { ok: false, output: {}, error: "429", transient: true, retryAfterSeconds: 30 } : ok({ id: "1" })));
    await runStepList([act("send", { retry: { attempts: 3, backoff_seconds: 10 } })], h.ctx);
    expect(h.calls).toEqual(["send#1", "send#2", "send#3"]);
    expect(h.sleeps).toEqual([
      ["send#1 backoff", 30_000],
      ["send#2 backoff", 30_000],
    ]);
    expect(h.state.steps.get("send")?.$ok).toBe(1);
  });

  it("does not retry a permanent failure", async () => {
    const h = harness(() => ({ ok: false, output: {}, error: "bad token", transient: false }));
    await runStepList([act("send", { retry: { attempts: 3 }, on_error: "continue" })], h.ctx);
    expect(h.calls).toEqual(["send#1"]);
  });

  it("a replayed run gets stored results and calls nothing twice", async () => {
    const h = harness((step) => ok({ id: step.id }));
    const steps = [act("a"), act("b")];
    await runStepList(steps, h.ctx);
    const again = { ...h.ctx, state: new RunState("lead", {}, { run: {}, bundle: {} }) };
    await runStepList(steps, again);
    expect(h.calls).toEqual(["a#1", "b#1"]);
    expect(again.state.steps.get("b")).toMatchObject({ id: "b", $ok: 1 });
  });

  it("reuses outputs of steps that succeeded in the run being retried", async () => {
    const h = harness((step) => ok({ id: step.id }), { a: { id: "from-before" } });
    await runStepList([act("a"), act("b", { input: { x: "{{a.id}}" } })], h.ctx);
    expect(h.calls).toEqual(["b#1"]);
    expect(h.state.steps.get("a")).toMatchObject({ id: "from-before", $ok: 1 });
  });

  it("filter ends the run as filtered", async () => {
    const h = harness(() => ok());
    const verdict = await runStepList([{ id: "only_ru", kind: "filter", when: { left: "{{lead.phone}}", op: "starts_with", right: "+7" } }, { id: "only_us", kind: "filter", when: { left: "{{lead.phone}}", op: "starts_with", right: "+1" } }, act("x")], h.ctx);
    expect(verdict).toMatchObject({ kind: "end", status: "filtered" });
    expect(h.calls).toEqual([]);
  });
});
