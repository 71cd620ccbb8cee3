// The steps of a list, including those nested in if-branches, in document order.
import type { Step } from "../flow";

export function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => (s.kind === "if" ? [s, ...allSteps(s.then), ...allSteps(s.else ?? [])] : [s]));
}

export function allStepIds(steps: readonly Step[]): string[] {
  return allSteps(steps).map((s) => s.id);
}

/** The connections the list's action steps use, each once. */
export function actionConnectionIds(steps: readonly Step[]): string[] {
  return [...new Set(allSteps(steps).flatMap((s) => (s.kind === "action" && s.connection ? [s.connection] : [])))];
}
