// The event keys of runs started by hand (a force run, a retry). Each request is a new event,
// unless it carries an Idempotency-Key: then the key names the event, and the intake's
// uniqueness of bundle + event key makes a repeated request (a double click, a client resending
// after a lost answer) find the run it started instead of starting another.
const keyed = (idempotencyKey: string | undefined) => (idempotencyKey ? `key-${idempotencyKey}` : crypto.randomUUID());

export const manualEvent = {
  /** A force run of the bundle; the key is the bundle's. */
  run: (idempotencyKey?: string) => `manual-${keyed(idempotencyKey)}`,
  /** A retry of run `runId`; the key is that run's. */
  retry: (runId: string, idempotencyKey?: string) => `retry-${runId}-${keyed(idempotencyKey)}`,
};
