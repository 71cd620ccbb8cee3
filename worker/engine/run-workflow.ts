// A bundle run as a Cloudflare Workflow instance. The instance id is derived from the
// triggering event, so a redelivered event cannot start a second run.
// This class is the binding's anchor; the step runner arrives with the engine (issue 3).
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { Env } from "../env";

export interface RunParams {
  workspaceId: string;
  bundleId: string;
  runId: string;
}

export class RunWorkflow extends WorkflowEntrypoint<Env, RunParams> {
  async run(event: WorkflowEvent<RunParams>, step: WorkflowStep) {
    return step.do("accept", async () => ({ runId: event.payload.runId, acceptedAt: new Date().toISOString() }));
  }
}
