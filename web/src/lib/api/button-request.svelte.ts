// What every button that calls the API repeats around its request: it is busy (disabled) while
// the request runs, the last error is cleared, and a failure is described in the user's
// language. Forms use FormSubmission, which also puts errors next to their fields.
import { describeError } from "./describe-error.ts";

export class ButtonRequest {
  /** While a request runs: what it is for (a row's id in a list; "" when there is one thing). */
  busyFor = $state<string | null>(null);
  error = $state("");

  get busy(): boolean {
    return this.busyFor !== null;
  }

  /** Runs `action`; a failure becomes `error`. */
  async run(action: () => Promise<void>, busyFor = ""): Promise<void> {
    this.busyFor = busyFor;
    this.error = "";
    try {
      await action();
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busyFor = null;
    }
  }
}
