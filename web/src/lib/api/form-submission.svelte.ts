// What every form repeats around its API call: no double submit while the request runs, old
// errors cleared, and a failure shown next to the field its `path` names (else on top).
import { formErrors, noFormErrors, type FormErrors } from "./describe-error.ts";

export class FormSubmission {
  busy = $state(false);
  errors = $state.raw<FormErrors>(noFormErrors);

  constructor(private readonly fieldNames: readonly string[]) {}

  /** A submit handler that runs `action` with the above around it. */
  handler(action: () => Promise<void>) {
    return async (event: SubmitEvent) => {
      event.preventDefault();
      this.busy = true;
      this.errors = noFormErrors;
      try {
        await action();
      } catch (error) {
        this.errors = formErrors(error, this.fieldNames);
      } finally {
        this.busy = false;
      }
    };
  }
}
