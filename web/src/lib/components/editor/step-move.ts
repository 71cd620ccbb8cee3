// Where a step can be put: a gap in a list of steps (the bundle's own, or a branch of an
// if/else; routers hold no steps, they only jump within their list), and moving it there.
// The move buttons, dragging and the arrow keys all move through `moveStep`.
import type { Step } from "#lib/api/types.ts";
import { pointer } from "../../../../../worker/flow/flow-error.ts";
import { forEachStep } from "../../../../../worker/flow/step-tree.ts";

/** A place between steps: before the step now at `index` of the list at pointer `list`. */
export interface Gap {
  /** JSON pointer of the list: "/steps", "/steps/2/then", "/steps/2/else". */
  list: string;
  index: number;
}

/** The list of steps at a list pointer, if there is one. */
export function listAt(steps: Step[], list: string): Step[] | undefined {
  const parts = list.split("/").slice(2);
  let current: Step[] | undefined = steps;
  for (let i = 0; current && i < parts.length; i += 2) {
    const step: Step | undefined = current[Number(parts[i])];
    const branch = parts[i + 1];
    current = step?.kind === "if" && (branch === "then" || branch === "else") ? step[branch] : undefined;
  }
  return current;
}

/** "/steps/2/then/0" → the list "/steps/2/then" and index 0. */
export function gapOf(pointer: string): Gap {
  const cut = pointer.lastIndexOf("/");
  return { list: pointer.slice(0, cut), index: Number(pointer.slice(cut + 1)) };
}

/** Whether `pointer` is the step at `step` or anything inside it. */
export function isWithin(pointer: string, step: string): boolean {
  return pointer === step || pointer.startsWith(`${step}/`);
}

/** Whether putting the step at `from` into `gap` would leave it where it is. */
export function staysPut(from: string, gap: Gap): boolean {
  const here = gapOf(from);
  return gap.list === here.list && (gap.index === here.index || gap.index === here.index + 1);
}

/** Every gap in the order a reader meets them: a branch's gaps come inside its if step. */
export function allGaps(steps: Step[], list = "/steps"): Gap[] {
  const inner = steps.flatMap((step, i) => [
    { list, index: i },
    ...(step.kind === "if" ? allGaps(step.then, `${list}/${i}/then`) : []),
    ...(step.kind === "if" && step.else ? allGaps(step.else, `${list}/${i}/else`) : []),
  ]);
  return [...inner, { list, index: steps.length }];
}

/** The next place up or down from the step at `from`, stepping into and out of branches. */
export function neighbourGap(steps: Step[], from: string, direction: -1 | 1): Gap | undefined {
  const gaps = allGaps(steps).filter((g) => !isWithin(g.list, from));
  const here = gapOf(from);
  const before = gaps.findIndex((g) => g.list === here.list && g.index === here.index);
  // gaps[before + 1] is the one right after the step: the same place
  return gaps[direction < 0 ? before - 1 : before + 2];
}

/**
 * Moves the step at pointer `from` into `to` and returns its new pointer; undefined when the
 * move is impossible (into itself, to a missing list) or changes nothing.
 */
export function moveStep(steps: Step[], from: string, to: Gap): string | undefined {
  if (isWithin(to.list, from) || staysPut(from, to)) return undefined;
  const here = gapOf(from);
  const source = listAt(steps, here.list);
  const target = listAt(steps, to.list);
  if (!source?.[here.index] || !target || to.index < 0 || to.index > target.length) return undefined;
  const [step] = source.splice(here.index, 1);
  target.splice(source === target && to.index > here.index ? to.index - 1 : to.index, 0, step);
  return pointerOf(steps, step);
}

function pointerOf(steps: Step[], wanted: Step): string | undefined {
  let found: string | undefined;
  forEachStep(steps, (step, path) => {
    if (step === wanted) found ??= pointer(path);
  }, ["steps"]);
  return found;
}
