// Turns zod issues into FlowErrors with JSON-pointer paths and plain-language messages. Unions
// (conditions, schedules) are explained by the branch the user evidently meant, not all of them.
import type { z } from "zod";
import { issueInRussian } from "../i18n/zod-issue";
import type { Text } from "../i18n/text";
import { flowError, type FlowError, type PathSegment } from "./flow-error";

type Issue = z.core.$ZodIssue;

export function schemaErrors(issues: readonly Issue[], prefix: readonly PathSegment[] = []): FlowError[] {
  return issues.flatMap((issue) => explain(issue, [...prefix, ...(issue.path as PathSegment[])]));
}

function explain(issue: Issue, path: PathSegment[]): FlowError[] {
  const last = path.at(-1);
  const field = last === undefined ? "The document" : typeof last === "number" ? `Item ${last + 1}` : `"${last}"`;
  const ru = fieldInRussian(last);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => flowError("unknown_field", [...path, key], { en: `Unknown field "${key}".`, ru: `Неизвестное поле «${key}».` }));
    case "invalid_type":
      if (issue.input === undefined) return [flowError("required", path, { en: `${field} is required.`, ru: `Нужно заполнить ${ru.name}.` })];
      return [flowError("invalid_type", path, { en: `${field} must be ${article(issue.expected)}, not ${describe(issue.input)}.`, ru: `Значение ${ru.in} должно быть ${TYPES_RU[issue.expected] ?? issue.expected}, а не ${typeInRussian(issue.input)}.` })];
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v)).join(", ");
      return [flowError("invalid_value", path, { en: `${field} must be one of: ${values}.`, ru: `${capitalise(ru.in)} допустимы только значения: ${values}.` })];
    }
    case "invalid_union":
      return explainUnion(issue, path);
    case "too_small":
    case "too_big":
      return [flowError("out_of_range", path, isDefaultMessage(issue.message) ? rangeMessage(field, ru, issue) : declared(issue))];
    default:
      return [flowError("invalid_value", path, isDefaultMessage(issue.message) ? { en: `${field}: ${issue.message}`, ru: `${capitalise(ru.name)}: ${issueInRussian(issue)}` } : declared(issue))];
  }
}

function explainUnion(issue: z.core.$ZodIssueInvalidUnion, path: PathSegment[]): FlowError[] {
  if ((issue as { note?: string }).note === "No matching discriminator") {
    const kinds = (issue as { options?: unknown[] }).options ?? [];
    const kind = path.length ? String(path[path.length - 1]) : "kind";
    return [flowError("invalid_value", path, { en: `"${kind}" must be one of: ${kinds.join(", ")}.`, ru: `В поле «${kind}» допустимы только значения: ${kinds.join(", ")}.` })];
  }
  const branch = intendedBranch(issue);
  if (branch) return schemaErrors(branch, path);
  const last = String(path.at(-1));
  return [flowError("invalid_value", path, isDefaultMessage(issue.message) ? { en: `"${last}" has the wrong type.`, ru: `У поля «${last}» неверный тип.` } : declared(issue))];
}

/** A message the schema declares, in both languages. */
function declared(issue: Issue): Text {
  return { en: issue.message, ru: issueInRussian(issue) };
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

function rangeMessage(field: string, ru: RussianField, issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Text {
  const bound = "minimum" in issue ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
  const boundRu = "minimum" in issue ? `не меньше ${issue.minimum}` : `не больше ${issue.maximum}`;
  if (issue.origin === "array") return { en: `${field} must have ${bound} item(s).`, ru: `Количество элементов ${ru.in}: ${boundRu}.` };
  if (issue.origin === "string") return { en: `${field} must have ${bound} character(s).`, ru: `Количество символов ${ru.in}: ${boundRu}.` };
  return { en: `${field} must be ${bound}.`, ru: `Значение ${ru.in}: ${boundRu}.` };
}

function article(expected: string): string {
  const names: Record<string, string> = { string: "text", int: "a whole number", number: "a number", boolean: "true or false", object: "an object", array: "a list", record: "an object" };
  return names[expected] ?? expected;
}

/** The field a message is about, as a subject ("поле «name»") and a place ("в поле «name»"). */
interface RussianField {
  name: string;
  in: string;
}

function fieldInRussian(last: PathSegment | undefined): RussianField {
  if (last === undefined) return { name: "документ", in: "в документе" };
  if (typeof last === "number") return { name: `элемент ${last + 1}`, in: `в элементе ${last + 1}` };
  return { name: `поле «${last}»`, in: `в поле «${last}»` };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Type names after "должно быть" (instrumental case). */
const TYPES_RU: Record<string, string> = { string: "текстом", int: "целым числом", number: "числом", boolean: "true или false", object: "объектом", array: "списком", record: "объектом" };

function typeInRussian(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "списком";
  return { string: "текстом", number: "числом", boolean: "true/false", object: "объектом" }[typeof value as string] ?? typeof value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return { string: "text", number: "a number", boolean: "true/false", object: "an object" }[typeof value as string] ?? typeof value;
}
