// A bundle's steps form a tree: an `if` step holds the lists of its branches, `then` and
// `else` (a router holds no steps, it only jumps within its own list). The one way to walk
// that tree, in document order: a step, then its `then` branch, then its `else`. Documents
// that are not validated yet (an import) are walked too: what is not a step object is passed
// over, and a branch that is not a list is left as it is.
import type { Step } from "./bundle-schema";
import type { PathSegment } from "./flow-error";

type StepObject = Record<string, unknown>;
type Visit<S> = (step: S, path: PathSegment[]) => void;

const BRANCHES = ["then", "else"] as const;

const isStepObject = (value: unknown): value is StepObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Calls `visit` with every step of the list and of the branches inside it, and its path below `path` ([…, 2, "then", 0]). */
export function forEachStep(steps: readonly Step[], visit: Visit<Step>, path?: PathSegment[]): void;
export function forEachStep(steps: unknown, visit: Visit<StepObject>, path?: PathSegment[]): void;
export function forEachStep(steps: unknown, visit: Visit<never>, path: PathSegment[] = []): void {
  // Either overload's `visit` takes what it is given: a Step, or any step object.
  walk(steps, visit as Visit<StepObject>, path);
}

function walk(steps: unknown, visit: Visit<StepObject>, path: PathSegment[]): void {
  if (!Array.isArray(steps)) return;
  steps.forEach((step: unknown, i) => {
    if (!isStepObject(step)) return;
    visit(step, [...path, i]);
    if (step.kind === "if") for (const branch of BRANCHES) walk(step[branch], visit, [...path, i, branch]);
  });
}

/** Every step of the list, the ones inside `if` branches included, in document order. */
export function allSteps(steps: readonly Step[]): Step[] {
  const all: Step[] = [];
  forEachStep(steps, (step) => all.push(step));
  return all;
}

/**
 * A copy of the list in which every step, nested ones included, is what `change` makes of it
 * (called in document order); the branches of the copy are those of the original, changed.
 */
export function mapSteps(steps: readonly unknown[], change: (step: StepObject) => StepObject): unknown[] {
  return steps.map((step) => {
    if (!isStepObject(step)) return step;
    const changed = { ...change(step) };
    if (step.kind === "if") {
      for (const branch of BRANCHES) {
        const list = step[branch];
        if (Array.isArray(list)) changed[branch] = mapSteps(list, change);
      }
    }
    return changed;
  });
}
