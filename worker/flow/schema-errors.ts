// Turns zod issues into FlowErrors with JSON-pointer paths and plain-language messages. Unions
// (conditions, schedules) are explained by the branch the user evidently meant, not all of them.
import type { z } from "zod";
import { flowError, type FlowError, type PathSegment } from "./flow-error";

type Issue = z.core.$ZodIssue;

export function schemaErrors(issues: readonly Issue[], prefix: readonly PathSegment[] = []): FlowError[] {
  return issues.flatMap((issue) => explain(issue, [...prefix, ...(issue.path as PathSegment[])]));
}

function explain(issue: Issue, path: PathSegment[]): FlowError[] {
  const last = path.at(-1);
  const field = last === undefined ? "The document" : typeof last === "number" ? `Item ${last + 1}` : `"${last}"`;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => flowError("unknown_field", [...path, key], `Unknown field "${key}".`));
    case "invalid_type":
      if (issue.input === undefined) return [flowError("required", path, `${field} is required.`)];
      return [flowError("invalid_type", path, `${field} must be ${article(issue.expected)}, not ${describe(issue.input)}.`)];
    case "invalid_value":
      return [flowError("invalid_value", path, `${field} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`)];
    case "invalid_union":
      return explainUnion(issue, path);
    case "too_small":
    case "too_big":
      return [flowError("out_of_range", path, isDefaultMessage(issue.message) ? rangeMessage(field, issue) : issue.message)];
    default:
      return [flowError("invalid_value", path, isDefaultMessage(issue.message) ? `${field}: ${issue.message}` : issue.message)];
  }
}

function explainUnion(issue: z.core.$ZodIssueInvalidUnion, path: PathSegment[]): FlowError[] {
  if ((issue as { note?: string }).note === "No matching discriminator") {
    const kinds = (issue as { options?: unknown[] }).options ?? [];
    const kind = path.length ? String(path[path.length - 1]) : "kind";
    return [flowError("invalid_value", path, `"${kind}" must be one of: ${kinds.join(", ")}.`)];
  }
  const branch = intendedBranch(issue);
  if (branch) return schemaErrors(branch, path);
  return [flowError("invalid_value", path, isDefaultMessage(issue.message) ? `"${String(path.at(-1))}" has the wrong type.` : issue.message)];
}

/**
 * The branch that recognises the most keys of the input object is the one the user meant
 * (`{"left": 1, "op": "eq"}` is a comparison, not a broken `{"all"}`). None: no guess.
 */
function intendedBranch(issue: z.core.$ZodIssueInvalidUnion): Issue[] | undefined {
  const input = issue.input;
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  const keys = Object.keys(input);
  let best: Issue[] | undefined;
  let bestScore = 0;
  for (const branch of issue.errors) {
    const unknown = new Set(branch.filter((i) => i.code === "unrecognized_keys" && i.path.length === 0).flatMap((i) => (i as z.core.$ZodIssueUnrecognizedKeys).keys));
    const score = keys.filter((k) => !unknown.has(k)).length;
    if (score > bestScore) [best, bestScore] = [branch, score];
  }
  return best;
}

function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (small|big))/.test(message);
}

function rangeMessage(field: string, issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const bound = "minimum" in issue ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
  return issue.origin === "array" ? `${field} must have ${bound} item(s).` : issue.origin === "string" ? `${field} must have ${bound} character(s).` : `${field} must be ${bound}.`;
}

function article(expected: string): string {
  const names: Record<string, string> = { string: "text", int: "a whole number", number: "a number", boolean: "true or false", object: "an object", array: "a list", record: "an object" };
  return names[expected] ?? expected;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return { string: "text", number: "a number", boolean: "true/false", object: "an object" }[typeof value as string] ?? typeof value;
}
