// Conditions: every op, numeric versus text comparison, case-insensitivity, groups.
import { describe, expect, it } from "vitest";
import { evaluateCondition, type Condition } from "../../../worker/flow";

const scope = { s: { ten: "10", nine: "9", name: "Ivan Petrov", empty: "", blank: "  ", list: ["a", "B"], none: [], ok: 0, email: "ivan@example.com" } };
type Op = Extract<Condition, { op: string }>["op"];
const c = (left: string, op: Op, right?: string, ci?: boolean): Condition => ({ left, op, ...(right === undefined ? {} : { right }), ...(ci ? { ci } : {}) });

describe("comparisons", () => {
  it.each<[string, Condition, boolean]>([
    ["eq text", c("{{s.name}}", "eq", "Ivan Petrov"), true],
    ["eq numbers written differently", c("1.0", "eq", "1"), true],
    ["eq with a number field", c("{{s.ok}}", "eq", "0"), true],
    ["ne", c("{{s.ok}}", "ne", "1"), true],
    ["empty on empty text", c("{{s.empty}}", "empty"), true],
    ["empty on whitespace", c("{{s.blank}}", "empty"), true],
    ["empty on a missing path", c("{{s.ghost}}", "empty"), true],
    ["empty on an empty list", c("{{s.none}}", "empty"), true],
    ["not_empty", c("{{s.name}}", "not_empty"), true],
    ["not_empty on missing", c("{{s.ghost}}", "not_empty"), false],
    ["contains text", c("{{s.name}}", "contains", "Petr"), true],
    ["contains list item", c("{{s.list}}", "contains", "a"), true],
    ["contains is case-sensitive", c("{{s.name}}", "contains", "petr"), false],
    ["contains with ci", c("{{s.name}}", "contains", "petr", true), true],
    ["contains list item with ci", c("{{s.list}}", "contains", "b", true), true],
    ["not_contains", c("{{s.name}}", "not_contains", "Sidorov"), true],
    ["starts_with", c("{{s.name}}", "starts_with", "Ivan"), true],
    ["ends_with", c("{{s.email}}", "ends_with", "@example.com"), true],
    ["eq with ci", c("{{s.name}}", "eq", "IVAN PETROV", true), true],
    ['"10" > "9" compares as numbers', c("{{s.ten}}", "gt", "{{s.nine}}"), true],
    ["gte equal", c("10", "gte", "10"), true],
    ["lt numbers", c("9", "lt", "10"), true],
    ["lte", c("9", "lte", "9.0"), true],
    ["text compares as text when one side is not a number", c("10", "lt", "9a"), true],
    ["matches", c("{{s.email}}", "matches", "^[a-z]+@"), true],
    ["matches with ci", c("IVAN", "matches", "^ivan$", true), true],
    ["matches fails", c("abc", "matches", "^\\d+$"), false],
    ["an invalid regex is false, not a crash", c("abc", "matches", "([a-z"), false],
  ])("%s", (_, condition, expected) => {
    expect(evaluateCondition(condition, scope)).toBe(expected);
  });
});

describe("groups", () => {
  const yes = c("1", "eq", "1");
  const no = c("1", "eq", "2");
  it.each<[string, Condition, boolean]>([
    ["all true", { all: [yes, yes] }, true],
    ["all with one false", { all: [yes, no] }, false],
    ["any with one true", { any: [no, yes] }, true],
    ["any all false", { any: [no, no] }, false],
    ["not", { not: no }, true],
    ["nested", { all: [yes, { any: [no, { not: no }] }] }, true],
    ["nested false", { any: [{ all: [yes, no] }, { not: yes }] }, false],
  ])("%s", (_, condition, expected) => {
    expect(evaluateCondition(condition, scope)).toBe(expected);
  });
});
