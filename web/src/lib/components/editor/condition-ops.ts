// The condition operators of bundle/1, in the order the builder offers them (the closed set
// of worker/flow; type-checked against it so the two cannot drift apart).
import type { Comparison } from "#lib/api/types.ts";

export type ConditionOp = Comparison["op"];

export const CONDITION_OPS = [
  "eq", "ne", "contains", "not_contains", "starts_with", "ends_with",
  "empty", "not_empty", "gt", "gte", "lt", "lte", "matches"
] as const satisfies readonly ConditionOp[];

// Every operator of the format is offered: one missing from the list is a type error here.
type Missing = Exclude<ConditionOp, (typeof CONDITION_OPS)[number]>;
export const everyOpOffered: [Missing] extends [never] ? true : Missing = true;

/** Operators that need nothing to compare with. */
export const UNARY_OPS: ReadonlySet<ConditionOp> = new Set(["empty", "not_empty"]);
