// The two durable primitives the step runner needs, so it can be driven by a Workflow in
// production and by a plain in-memory implementation in unit tests.
import type { WorkflowStep } from "cloudflare:workers";

export interface DurableStep {
  /** Runs `fn` once per `name` per run: a replayed or resumed run gets the stored result. */
  do<T>(name: string, fn: () => Promise<T>): Promise<T>;
  sleep(name: string, ms: number): Promise<void>;
}

/**
 * Our steps return failures as values instead of throwing, and retry transient ones
 * themselves (with Retry-After), so the Workflow must not add its own retries on top.
 * A step only throws on a bug or a lost isolate; then the Workflow retries it a few times.
 */
export function workflowDurableStep(step: WorkflowStep): DurableStep {
  return {
    do: (name, fn) => step.do(name, { retries: { limit: 2, delay: "2 seconds", backoff: "exponential" } }, fn as () => Promise<any>),
    sleep: (name, ms) => step.sleep(name, ms),
  };
}
