// Templates: paths, types, missing values, filters, and that no expression reaches prototypes.
import { describe, expect, it } from "vitest";
import { extractReferences, renderInputs, renderTemplate } from "../../../worker/flow";
import { renderUrlTemplate } from "../../../worker/flow/template";

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
    expect(result).toEqual({ value: { phone: "79991234567", n: 5, nested: { list: ["first", ""], again: "" } }, missing: ["x.y"], problems: [] });
  });

  it("renders the fields named as URLs as URLs, and only those", () => {
    const result = renderInputs({ url: "https://crm.example/find?q={{lead.name}}", text: "q={{lead.name}}" }, scope, new Set(["url"]));
    expect(result.value).toEqual({ url: "https://crm.example/find?q=%20%20Ivan%20", text: "q=  Ivan " });
  });
});

describe("URLs", () => {
  const data = { ...scope, trigger: { phone: "+7 912 000-00-00", name: "Tom & Jerry&admin=true", id: "42/../admin?x=1#top", up: "..", dot: ".", url: "https://api.example.com/v1/leads?key=a&b=c", base: "https://api.example.com/v1", sub: "v2/items", emoji: "Жук 🐞", broken: "a\ud800b" } };
  const url = (template: string) => renderUrlTemplate(template, data);

  it("encodes a query value so a plus stays a plus and no parameter can be added", () => {
    const { value } = url("https://crm.example/crm?phone={{trigger.phone}}&name={{trigger.name}}");
    expect(value).toBe("https://crm.example/crm?phone=%2B7%20912%20000-00-00&name=Tom%20%26%20Jerry%26admin%3Dtrue");
    expect([...new URL(value).searchParams]).toEqual([["phone", "+7 912 000-00-00"], ["name", "Tom & Jerry&admin=true"]]);
  });

  it("keeps a path value inside its segment", () => {
    const { value } = url("https://crm.example/contacts/{{trigger.id}}/notes");
    expect(value).toBe("https://crm.example/contacts/42%2F..%2Fadmin%3Fx%3D1%23top/notes");
    expect(new URL(value).pathname).toBe("/contacts/42%2F..%2Fadmin%3Fx%3D1%23top/notes");
  });

  it("encodes letters beyond ASCII and survives a lone surrogate", () => {
    expect(url("https://x.example/s?q={{trigger.emoji}}&b={{trigger.broken}}").value).toBe("https://x.example/s?q=%D0%96%D1%83%D0%BA%20%F0%9F%90%9E&b=a%EF%BF%BDb");
  });

  it("inserts as it is a whole URL, a base the URL starts with, and a value marked raw", () => {
    expect(url("{{trigger.url}}").value).toBe("https://api.example.com/v1/leads?key=a&b=c");
    expect(url("{{trigger.base}}/leads?name={{trigger.name}}").value).toBe("https://api.example.com/v1/leads?name=Tom%20%26%20Jerry%26admin%3Dtrue");
    expect(url("https://api.example.com/{{trigger.sub | raw}}").value).toBe("https://api.example.com/v2/items");
    expect(url("https://api.example.com/{{trigger.sub | upper | raw}}").value).toBe("https://api.example.com/V2/ITEMS");
  });

  it("refuses a value that makes a path segment . or .., which no encoding keeps from climbing", () => {
    for (const template of ["https://x.example/users/{{trigger.up}}/delete", "https://x.example/a/.{{trigger.dot}}", "https://x.example\\a\\{{trigger.up}}"]) {
      const { problems } = url(template);
      expect(problems, template).toHaveLength(1);
      expect(problems[0].en, template).toMatch(/^"\{\{trigger\.(up|dot)\}\}" makes a path segment of the URL "\.\.", which would move up the path; the request was not sent\.$/);
    }
    expect(url("https://x.example/users/{{trigger.dot}}").problems[0].en).toContain('"."');
    // Dots in a query, in a longer segment, in the host, or written by the template itself are fine.
    for (const template of ["https://x.example/q?up={{trigger.up}}", "https://x.example/v{{trigger.up}}", "https://{{trigger.dot}}x.example/", "https://x.example/../{{trigger.sub}}"]) {
      expect(url(template).problems, template).toEqual([]);
    }
  });

  it("reports missing values as any template does", () => {
    expect(url("https://x.example/{{trigger.nope}}")).toEqual({ value: "https://x.example/", missing: ["trigger.nope"], problems: [] });
  });
});

describe("extractReferences", () => {
  it("lists each root id once", () => {
    expect(extractReferences("{{lead.a}} {{step.$ok}} {{lead.b | upper}} {{run.url}} text")).toEqual(["lead", "step", "run"]);
    expect(extractReferences("no templates")).toEqual([]);
  });
});
