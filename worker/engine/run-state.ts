// What a run knows while it goes: each executed step's output with $ok/$error/$status, the
// logs not yet written, and the template scope built from them.
import type { StepStatus } from "../../db/ledger/run-status";
import type { Text } from "../i18n/text";

export interface StepState {
  /** 1 or 0 for a step that ran; empty for a skipped one, so `$ok = 0` means "ran and failed". */
  $ok: 0 | 1 | "";
  $error: string;
  $status: StepStatus;
  [field: string]: unknown;
}

export interface PendingLog {
  stepId: string;
  attempt: number;
  seq: number;
  status: StepStatus;
  input?: unknown;
  output?: unknown;
  /** As stored: a pair is JSON (worker/i18n/stored-text.ts). */
  error?: string | null;
  notes?: (string | Text)[];
  startedAt: number;
  durationMs: number;
}

export class RunState {
  readonly steps = new Map<string, StepState>();
  private pending: PendingLog[] = [];
  private seq = 0;

  constructor(
    readonly triggerId: string,
    readonly triggerOutput: unknown,
    readonly meta: { run: Record<string, unknown>; bundle: Record<string, unknown> },
  ) {}

  nextSeq(): number {
    return ++this.seq;
  }

  record(stepId: string, state: StepState) {
    this.steps.set(stepId, state);
  }

  markSkipped(stepIds: Iterable<string>, now: number) {
    for (const id of stepIds) {
      if (this.steps.has(id)) continue;
      this.steps.set(id, { $ok: "", $error: "", $status: "skipped" });
      this.log({ stepId: id, attempt: 1, seq: this.nextSeq(), status: "skipped", startedAt: now, durationMs: 0 });
    }
  }

  log(entry: PendingLog) {
    this.pending.push(entry);
  }

  /** Hands over the logs to write; the caller writes them inside a durable step. */
  takeLogs(): PendingLog[] {
    const logs = this.pending;
    this.pending = [];
    return logs;
  }

  /** The object templates read: `{{trigger_id.field}}`, `{{step_id.$ok}}`, `{{run.id}}`, `{{bundle.url}}`. */
  scope(): Record<string, unknown> {
    const scope: Record<string, unknown> = Object.create(null);
    scope[this.triggerId] = this.triggerOutput;
    for (const [id, state] of this.steps) scope[id] = state;
    scope.run = this.meta.run;
    scope.bundle = this.meta.bundle;
    return scope;
  }
}
