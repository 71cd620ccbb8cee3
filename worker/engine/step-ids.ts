// The ids of steps, including those nested in if-branches, in document order.
import type { Step } from "../flow";

export function allStepIds(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => (s.kind === "if" ? [s.id, ...allStepIds(s.then), ...allStepIds(s.else ?? [])] : [s.id]));
}
