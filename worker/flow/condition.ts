// Evaluates a Condition against a run's data. Both sides are templates; they compare as
// numbers when both parse as numbers ("10" > "9"), else as text (`ci`: ignoring case).
import type { Comparison, Condition } from "./bundle-schema";
import { renderTemplate, toText } from "./template";

export function evaluateCondition(condition: Condition, scope: Record<string, unknown>): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, scope));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, scope));
  if ("not" in condition) return !evaluateCondition(condition.not, scope);
  return compare(condition, scope);
}

function compare(comparison: Comparison, scope: Record<string, unknown>): boolean {
  const left = renderTemplate(comparison.left, scope).value;
  const right = comparison.right === undefined ? "" : renderTemplate(String(comparison.right), scope).value;
  const fold = (s: string) => (comparison.ci ? s.toLowerCase() : s);
  const l = fold(toText(left));
  const r = fold(toText(right));
  switch (comparison.op) {
    case "empty":
      return isEmpty(left);
    case "not_empty":
      return !isEmpty(left);
    case "eq":
      return order(l, r) === 0;
    case "ne":
      return order(l, r) !== 0;
    case "contains":
      return contains(left, l, r, fold);
    case "not_contains":
      return !contains(left, l, r, fold);
    case "starts_with":
      return l.startsWith(r);
    case "ends_with":
      return l.endsWith(r);
    case "gt":
      return order(l, r) > 0;
    case "gte":
      return order(l, r) >= 0;
    case "lt":
      return order(l, r) < 0;
    case "lte":
      return order(l, r) <= 0;
    case "matches":
      return matches(l, toText(right), comparison.ci === true);
  }
}

/** Numeric order when both sides are numbers, else code-point order of the text. */
function order(l: string, r: string): number {
  const [a, b] = [asNumber(l), asNumber(r)];
  if (a !== undefined && b !== undefined) return Math.sign(a - b);
  return l < r ? -1 : l > r ? 1 : 0;
}

function asNumber(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A list contains an item equal to `right`; text contains `right` as a substring. */
function contains(left: unknown, l: string, r: string, fold: (s: string) => string): boolean {
  if (Array.isArray(left)) return left.some((item) => order(fold(toText(item)), r) === 0);
  return l.includes(r);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** An invalid pattern never matches: a broken condition must not crash the run. */
function matches(text: string, pattern: string, ci: boolean): boolean {
  try {
    return new RegExp(pattern, ci ? "i" : "").test(text);
  } catch {
    return false;
  }
}
