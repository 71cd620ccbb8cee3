// Templates: paths, types, missing values, filters, and that no expression reaches prototypes.
import { describe, expect, it } from "vitest";
import { extractReferences, renderInputs, renderTemplate } from "../../../worker/flow";

const scope = {
  lead: { phone: "+7 (999) 123-45-67", name: "  Ivan ", email: "IVAN@Example.COM", count: 3, tags: ["a", "b"], created: 1700000000, empty: "" },
  rows: [{ name: "first" }, { name: "second" }],
  step: { $ok: 0, $error: "boom" },
  run: { id: "r1", url: "https://x/runs/r1", started_at: "2024-01-02T03:04:05Z" },
  bundle: { id: "b1", name: "B", url: "https://x/b/b1" },
};

describe("rendering", () => {
  it.each([
    ["text only", "hello", "hello"],
    ["one expression keeps a number", "{{lead.count}}", 3],
    ["one expression keeps an object", "{{rows.0}}", { name: "first" }],
    ["array index in a path", "{{rows.1.name}}", "second"],
    ["mixed text stringifies", "n={{lead.count}}", "n=3"],
    ["objects in text become JSON", "tags: {{lead.tags}}", 'tags: ["a","b"]'],
    ["$ fields", "{{step.$ok}}/{{step.$error}}", "0/boom"],
    ["spaces inside braces", "{{ lead.count }}", 3],
    ["run and bundle data", "{{bundle.name}} {{run.url}}", "B https://x/runs/r1"],
    ["digits", "{{lead.phone | digits}}", "79991234567"],
    ["lower", "{{lead.email | lower}}", "ivan@example.com"],
    ["upper", "{{lead.email | upper}}", "IVAN@EXAMPLE.COM"],
    ["trim", "[{{lead.name | trim}}]", "[Ivan]"],
    ["default on missing", '{{lead.city | default:"n/a"}}', "n/a"],
    ["default on empty", '{{lead.empty | default:"none"}}', "none"],
    ["default keeps a value", '{{lead.count | default:"n/a"}}', 3],
    ["chained filters", "{{lead.name | trim | upper}}", "IVAN"],
    ["date from Unix seconds", '{{lead.created | date:"YYYY-MM-DD HH:mm:ss"}}', "2023-11-14 22:13:20"],
    ["date from ISO text", '{{run.started_at | date:"DD.MM.YYYY"}}', "02.01.2024"],
    ["default date format", "{{run.started_at | date}}", "2024-01-02"],
    ["a pipe inside a quoted argument", '{{lead.city | default:"a|b"}}', "a|b"],
  ])("%s", (_, template, expected) => {
    expect(renderTemplate(template, scope).value).toEqual(expected);
  });

  it("renders missing paths as empty and reports them", () => {
    expect(renderTemplate("Hi {{lead.city}}{{ghost.x}}!", scope)).toEqual({ value: "Hi !", missing: ["lead.city", "ghost.x"] });
    expect(renderTemplate("{{lead.city}}", scope)).toEqual({ value: "", missing: ["lead.city"] });
  });

  it("does not report a missing path that has a default", () => {
    expect(renderTemplate('{{lead.city | default:"-"}}', scope).missing).toEqual([]);
  });
});

describe("templates cannot reach prototypes", () => {
  const hostile = JSON.parse('{"lead": {"__proto__": {"x": "polluted"}, "name": "ok"}}');
  it.each([
    ["{{constructor}}"],
    ["{{lead.__proto__.x}}"],
    ["{{lead.constructor.name}}"],
    ["{{lead.name.constructor}}"],
    ["{{lead.prototype}}"],
    ["{{toString}}"],
    ["{{lead.hasOwnProperty}}"],
    ["{{lead.name.length}}"],
  ])("%s renders empty", (template) => {
    expect(renderTemplate(template, hostile).value).toBe("");
    expect(renderTemplate(template, scope).value).toBe("");
  });

  it("keeps a __proto__ input key as plain data instead of changing the prototype", () => {
    const inputs = JSON.parse('{"__proto__": {"admin": true}, "a": "{{lead.count}}"}');
    const { value } = renderInputs(inputs, scope);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as { admin?: boolean }).admin).toBeUndefined();
    expect(value.a).toBe(3);
  });
});

describe("inputs", () => {
  it("renders strings deep inside objects and lists, passes other values through, and collects missing paths once", () => {
    const result = renderInputs({ phone: "{{lead.phone | digits}}", n: 5, nested: { list: ["{{rows.0.name}}", "{{x.y}}"], again: "{{x.y}}" } }, scope);
    expect(result).toEqual({ value: { phone: "79991234567", n: 5, nested: { list: ["first", ""], again: "" } }, missing: ["x.y"] });
  });
});

describe("extractReferences", () => {
  it("lists each root id once", () => {
    expect(extractReferences("{{lead.a}} {{step.$ok}} {{lead.b | upper}} {{run.url}} text")).toEqual(["lead", "step", "run"]);
    expect(extractReferences("no templates")).toEqual([]);
  });
});
