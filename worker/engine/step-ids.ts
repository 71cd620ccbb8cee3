// The ids and connections of a list's steps, including those nested in if-branches, in document order.
import { allSteps, type Step } from "../flow";

export function allStepIds(steps: readonly Step[]): string[] {
  return allSteps(steps).map((s) => s.id);
}

/** The connections the list's action steps use, each once. */
export function actionConnectionIds(steps: readonly Step[]): string[] {
  return [...new Set(allSteps(steps).flatMap((s) => (s.kind === "action" && s.connection ? [s.connection] : [])))];
}
