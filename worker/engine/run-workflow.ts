// A bundle run as a Cloudflare Workflow instance (id = run id, derived from the triggering
// event). Loading, every action attempt and finishing are durable steps; the rest (routers,
// conditions) is recomputed on replay from the stored step results, so it is deterministic.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import { evaluateCondition } from "../flow";
import type { Env } from "../env";
import { makeActionAttempt } from "./action-attempt";
import { workflowDurableStep, type DurableStep } from "./durable-step";
import { finishRunAndReport, loadRunForExecution, writeStepLogs } from "./run-records";
import { RunState } from "./run-state";
import { allStepIds } from "./step-ids";
import { runStepList, type RunnerContext } from "./step-runner";
import type { Verdict } from "./step-outcome";

export interface RunParams {
  workspaceId: string;
  runId: string;
}

export class RunWorkflow extends WorkflowEntrypoint<Env, RunParams> {
  async run(event: WorkflowEvent<RunParams>, step: WorkflowStep) {
    const durable = workflowDurableStep(step);
    const { workspaceId, runId } = event.payload;
    try {
      return await this.execute(durable, workspaceId, runId);
    } catch (err) {
      // A durable step that kept throwing after the Workflow's retries (a bug, or the isolate
      // lost on every try): the run still ends, as failed with the error, not "running" forever.
      const reason = `The run stopped on an internal error: ${err instanceof Error ? err.message : String(err)}`;
      await durable.do("fail", async () => {
        await finishRunAndReport(this.env, workspaceId, runId, "failed", reason);
        return { status: "failed" };
      });
      return { status: "failed", reason };
    }
  }

  private async execute(durable: DurableStep, workspaceId: string, runId: string) {
    const loaded = await durable.do("load", () => loadRunForExecution(this.env, workspaceId, runId));
    if (!loaded) return { status: "missing" };
    const { document } = loaded;
    const state = new RunState(document.trigger.id, loaded.trigger, loaded.meta);
    const ctx: RunnerContext = {
      state,
      durable,
      attemptAction: makeActionAttempt(this.env, workspaceId, runId),
      writeLogs: (logs) => writeStepLogs(this.env, workspaceId, runId, logs),
      reused: new Map(Object.entries(loaded.reused)),
      now: () => Date.now(),
    };
    let verdict: Verdict;
    if (document.trigger.filter && !evaluateCondition(document.trigger.filter, state.scope())) {
      verdict = { kind: "end", status: "filtered", reason: "The trigger's filter did not pass." };
    } else {
      verdict = await runStepList(document.steps, ctx);
    }
    state.markSkipped(allStepIds(document.steps), Date.now());
    const status = verdict.kind === "end" ? verdict.status : "success";
    const reason = verdict.kind === "end" ? verdict.reason : null;
    const pending = state.takeLogs();
    await durable.do("finish", async () => {
      await finishRunAndReport(this.env, workspaceId, runId, status, reason, pending);
      return { status };
    });
    return { status, reason };
  }
}
