// Fuzzing the bundle validator (issue 9): random documents and random mutations of the seed
// examples never make it throw; every refusal has a code, a message and a JSON pointer whose
// parent exists in the document; template injection ({{constructor}}, __proto__ paths)
// resolves to nothing and pollutes no prototype. The seed is printed; FUZZ_SEED repeats it.
import { describe, expect, it } from "vitest";
import { validateBundle, renderTemplate, renderInputs, type ValidationContext } from "../../../worker/flow";
import { catalogueForValidation } from "../../../worker/bundles/validation-context";
import sheets from "../../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";
import vk from "../../fixtures/spec-examples/vk-amocrm-dedup.json";
import { deeplyNested, fuzzSeed, mutate, prng, randomJson } from "../../fuzz/random";

const ROUNDS = 600;

/** The real catalogue; every connection id is taken to be of the app asked for. */
const context: ValidationContext = {
  catalogue: catalogueForValidation,
  connections: { appOf: (id) => (id.startsWith("conn_") ? id.slice(5) : undefined) },
};

/** Follows an RFC 6901 pointer; `undefined` when a segment is missing. */
function resolvePointer(doc: unknown, pointer: string): { found: boolean; value: unknown } {
  let current = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

function checkVerdict(doc: unknown, seed: number) {
  const result = validateBundle(doc, context);
  if (result.ok) {
    expect(result.bundle, `seed ${seed}`).toEqual(doc);
    return;
  }
  expect(result.errors.length, `seed ${seed}`).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error.code, `seed ${seed}`).toMatch(/^[a-z_]+$/);
    expect(error.message.trim().length, `seed ${seed}: ${JSON.stringify(error)}`).toBeGreaterThan(0);
    expect(error.path, `seed ${seed}`).toMatch(/^(\/[^/]*)*$/);
    // A required field may sit in an object the document left out entirely (trigger options):
    // then the object's own parent must exist.
    const up = (pointer: string) => pointer.slice(0, Math.max(0, pointer.lastIndexOf("/")));
    const parent = error.code === "required" && !resolvePointer(doc, up(error.path)).found ? up(up(error.path)) : up(error.path);
    expect(resolvePointer(doc, parent).found, `seed ${seed}: parent of ${error.path} (${error.message}) is not in the document`).toBe(true);
  }
}

describe("bundle validator under fuzzing", () => {
  const seed = fuzzSeed("validator");

  it(`random JSON values are refused with a path and a message, never a throw (${ROUNDS} rounds)`, () => {
    const r = prng(seed);
    for (let i = 0; i < ROUNDS; i++) checkVerdict(randomJson(r, 5), seed);
  });

  it(`mutations of the seed examples are accepted or refused with a pointer into the document (${ROUNDS} rounds)`, () => {
    const r = prng(seed + 1);
    const examples = [structuredClone(vk), structuredClone(sheets)].map((doc) => JSON.parse(JSON.stringify(doc).replace(/"\{\{connection:[^"]*\}\}"/g, '"conn_x"')));
    for (let i = 0; i < ROUNDS; i++) {
      let doc = r.pick(examples) as unknown;
      for (let m = 1 + r.int(3); m > 0; m--) doc = mutate(r, doc);
      checkVerdict(doc, seed);
    }
  });

  it("deep nesting and huge strings do not overflow the stack", () => {
    for (const kind of ["array", "object"] as const) {
      const deep = JSON.parse(deeplyNested(5000, kind));
      checkVerdict({ format: "bundle/1", name: "deep", trigger: { id: "hook", app: "webhook", event: "catch" }, steps: [{ id: "s", kind: "stop", reason: "x", extra: deep }] }, seed);
      checkVerdict(deep, seed);
    }
    checkVerdict({ format: "bundle/1", name: "n".repeat(1_000_000), trigger: { id: "hook", app: "webhook", event: "catch" }, steps: [] }, seed);
  });

  it("keeps Object.prototype clean", () => {
    const r = prng(seed + 2);
    for (let i = 0; i < 200; i++) validateBundle(JSON.parse(`{"__proto__": {"polluted": 1}, "format": "bundle/1", "steps": ${JSON.stringify(randomJson(r, 2))}}`), context);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("template injection resolves to nothing", () => {
  const scope = { hook: JSON.parse('{"name": "Ann", "__proto__": {"admin": true}, "nested": {"constructor": {"name": "x"}}}') as Record<string, unknown>, run: { id: "r1" } };

  it.each([
    "{{constructor}}",
    "{{__proto__}}",
    "{{prototype}}",
    "{{hook.constructor}}",
    "{{hook.constructor.name}}",
    "{{hook.__proto__}}",
    "{{hook.__proto__.admin}}",
    "{{hook.nested.constructor.name}}",
    "{{run.constructor.prototype}}",
    "{{hook.toString}}",
    "{{hook.name.length}}",
    "{{hook.hasOwnProperty}}",
  ])("%s", (template) => {
    const rendered = renderTemplate(template, scope);
    expect(rendered.value).toBe("");
    expect(rendered.missing).toHaveLength(1);
    expect(renderTemplate(`before ${template} after`, scope).value).toBe("before  after");
  });

  it("rendering inputs with __proto__ keys copies them as plain data, polluting nothing", () => {
    const inputs = JSON.parse('{"__proto__": {"polluted": "{{hook.name}}"}, "text": "{{hook.name}}"}') as Record<string, unknown>;
    const { value } = renderInputs(inputs, scope);
    expect(value.text).toBe("Ann");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).not.toHaveProperty("polluted");
  });
});
