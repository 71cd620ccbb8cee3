// fast-check arbitraries from the JSON Schemas of our OpenAPI document (issue 18, fuzz stage):
// `valid(schema)` generates values the schema accepts, `invalid(schema)` values that break it
// in one place (a wrong type, a missing required field, a bound passed by one, a huge string,
// an enum member that is not one, a pattern not matched), so a fuzz test can send both to every
// operation. It covers the keywords `/api/v1/openapi.json` uses: $ref, allOf, anyOf/oneOf,
// type (also a list), enum, const, properties, required, additionalProperties, items,
// minItems/maxItems, minLength/maxLength, minimum/maximum, pattern, format (email, date-time,
// and uri for the connector schemas of GET /apps: only the test doubles' hosts and loopback,
// since a test's outbound fetch to any other host would leave the machine).
// The npm packages that do this target fast-check 1–3 or zod 3 (json-schema-fast-check,
// zod-fast-check), so this is our own, kept to what the document needs.
import fc from "fast-check";

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  example?: unknown;
}

export interface SchemaDocument {
  components?: { schemas?: Record<string, JsonSchema> };
}

type Arb = fc.Arbitrary<unknown>;

/** Longer than any limit the API declares, well under the 1 MiB body limit. */
const HUGE = 200_000;
/** How deep `{}` (any JSON) and nested objects go in generated values. */
const MAX_DEPTH = 4;

/** Where a generated URL may point: the test doubles (test/fakes) and closed loopback ports. */
const SAFE_ORIGINS = ["http://telegram.fake", "http://amocrm.fake", "http://sheets.fake", "http://127.0.0.1:9", "http://localhost:1"];

const SAMPLES: Array<[string, unknown]> = [
  ["null", null],
  ["boolean", true],
  ["integer", 7],
  ["number", 1.5],
  ["string", "text"],
  ["array", []],
  ["object", {}],
];

export function createSchemaArbitraries(doc: SchemaDocument) {
  /** The schema with its $ref followed and its allOf merged (objects: properties and required). */
  function resolve(schema: JsonSchema): JsonSchema {
    if (schema.$ref) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
      const target = name && doc.components?.schemas?.[name];
      if (!target) throw new Error(`unresolved ${schema.$ref}`);
      const { $ref: _, ...rest } = schema;
      return resolve({ ...target, ...rest });
    }
    if (!schema.allOf) return schema;
    const { allOf, ...rest } = schema;
    return allOf.map(resolve).reduce<JsonSchema>(
      (merged, part) => ({
        ...merged,
        ...part,
        properties: { ...merged.properties, ...part.properties },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      }),
      rest,
    );
  }

  function typesOf(schema: JsonSchema): string[] {
    if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
    if (schema.properties || schema.additionalProperties !== undefined) return ["object"];
    if (schema.items) return ["array"];
    return [];
  }

  function anyJson(depth: number): Arb {
    return fc.jsonValue({ maxDepth: Math.max(0, MAX_DEPTH - depth) });
  }

  function validString(s: JsonSchema): fc.Arbitrary<string> {
    const min = s.minLength ?? 0;
    const max = s.maxLength ?? Math.max(min, 60);
    const fits = (v: string) => v.length >= min && v.length <= max;
    // RFC addresses, and the plain ones that validators stricter than the RFC (zod's) accept too.
    if (s.format === "email") return fc.oneof(fc.emailAddress(), fc.stringMatching(/^[a-z0-9]{1,12}([.+_-][a-z0-9]{1,8})?@[a-z0-9]{1,12}\.[a-z]{2,6}$/)).filter(fits);
    if (s.format === "date-time") {
      return fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
    }
    if (s.format === "uri") {
      return fc.tuple(fc.constantFrom(...SAFE_ORIGINS), fc.webPath()).map(([origin, path]) => origin + path).filter(fits);
    }
    if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
    const upTo = Math.min(max, min + 60);
    const options: Array<fc.Arbitrary<string>> = [
      fc.string({ minLength: min, maxLength: upTo, unit: "grapheme-ascii" }),
      fc.string({ minLength: min, maxLength: upTo, unit: "grapheme" }).filter(fits),
      fc.string({ minLength: min, maxLength: upTo, unit: "binary" }).filter(fits),
    ];
    if (s.maxLength !== undefined) options.push(fc.constant("x".repeat(s.maxLength)));
    if (typeof s.example === "string" && fits(s.example)) options.push(fc.constant(s.example));
    return fc.oneof(...options);
  }

  function validObject(s: JsonSchema, depth: number): Arb {
    const properties = s.properties ?? {};
    const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, valid(value, depth + 1)]));
    const requiredKeys = (s.required ?? []).filter((key) => key in properties);
    const declared = fc.record(model, { requiredKeys });
    const extra = s.additionalProperties;
    if (!extra || depth >= MAX_DEPTH) return declared;
    const more = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), extra === true ? anyJson(depth + 1) : valid(extra, depth + 1), { maxKeys: 3 });
    return fc.tuple(more, declared).map(([m, d]) => ({ ...m, ...d }));
  }

  function validOfType(s: JsonSchema, type: string, depth: number): Arb {
    switch (type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
        return fc.integer({ min: Math.ceil(s.minimum ?? -(2 ** 31)), max: Math.floor(s.maximum ?? 2 ** 31) });
      case "number":
        return fc.double({ min: s.minimum ?? -1e12, max: s.maximum ?? 1e12, noNaN: true, noDefaultInfinity: true });
      case "string":
        return validString(s);
      case "array": {
        const min = s.minItems ?? 0;
        return fc.array(s.items && depth < MAX_DEPTH ? valid(s.items, depth + 1) : anyJson(depth + 1), { minLength: min, maxLength: Math.min(s.maxItems ?? min + 4, min + 4) });
      }
      case "object":
        return validObject(s, depth);
      default:
        throw new Error(`no arbitrary for type ${type}`);
    }
  }

  /** Values the schema accepts. */
  function valid(schema: JsonSchema, depth = 0): Arb {
    const s = resolve(schema);
    if ("const" in s) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, depth)));
    const types = typesOf(s);
    if (types.length === 0) return anyJson(depth);
    return fc.oneof(...types.map((t) => validOfType(s, t, depth)));
  }

  /** Ways a string can break the schema's string keywords. */
  function badStrings(s: JsonSchema): Array<fc.Arbitrary<string>> {
    const out: Array<fc.Arbitrary<string>> = [fc.constant("x".repeat(HUGE))];
    if (s.minLength) out.push(fc.constant("x".repeat(s.minLength - 1)));
    if (s.maxLength !== undefined) out.push(fc.constant("y".repeat(s.maxLength + 1)));
    if (s.enum) out.push(fc.string({ maxLength: 20 }).filter((v) => !s.enum!.includes(v)));
    if (s.pattern) out.push(fc.string({ maxLength: 20 }).filter((v) => !new RegExp(s.pattern!).test(v)));
    if (s.format === "email") out.push(fc.constantFrom("no-at-sign", "@", "a@", "@b.c", "a b@c.d", "a@b@c.d"));
    if (s.format === "date-time") out.push(fc.constantFrom("2026-13-45T99:99:99Z", "yesterday", "2026-11-23", "0000-00-00T00:00:00Z", "+275760-09-13T00:00:00.001Z"));
    return out;
  }

  /** Values the schema refuses, each broken in one place; undefined when the schema accepts anything. */
  function invalid(schema: JsonSchema, depth = 0): Arb | undefined {
    const s = resolve(schema);
    const alternatives = s.anyOf ?? s.oneOf;
    if (alternatives) {
      const broken = alternatives.map((a) => invalid(a, depth)).filter((a): a is Arb => a !== undefined);
      return broken.length ? fc.oneof(...broken) : undefined;
    }
    const types = s.enum ? [...new Set(s.enum.map((v) => (v === null ? "null" : typeof v)))] : typesOf(s);
    if (types.length === 0) return undefined;
    const accepts = (type: string) => types.includes(type) || (type === "integer" && types.includes("number"));
    const options: Arb[] = [];
    const wrongTypes = SAMPLES.filter(([type]) => !accepts(type)).map(([, value]) => value);
    if (wrongTypes.length) options.push(fc.constantFrom(...wrongTypes));
    if (accepts("string") || s.enum) options.push(...badStrings(s));
    if (types.includes("integer") || types.includes("number")) {
      const numbers: number[] = [1e308, -1e308, 2 ** 53 + 2];
      if (types.includes("integer")) numbers.push(1.5);
      if (s.minimum !== undefined) numbers.push(s.minimum - 1);
      if (s.maximum !== undefined) numbers.push(s.maximum + 1);
      options.push(fc.constantFrom(...numbers));
    }
    if (types.includes("array")) {
      const item = s.items ? valid(s.items, depth + 1) : fc.constant(null);
      if (s.minItems) options.push(fc.array(item, { minLength: s.minItems - 1, maxLength: s.minItems - 1 }));
      if (s.maxItems !== undefined) options.push(fc.array(item, { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }));
      const badItem = s.items && depth < MAX_DEPTH ? invalid(s.items, depth + 1) : undefined;
      if (badItem) options.push(fc.tuple(fc.array(item, { maxLength: 2 }), badItem).map(([items, bad]) => [...items, bad]));
    }
    if (types.includes("object")) options.push(...badObjects(s, depth));
    return options.length ? fc.oneof(...options) : undefined;
  }

  function badObjects(s: JsonSchema, depth: number): Arb[] {
    const out: Arb[] = [];
    const base = validObject(s, depth) as fc.Arbitrary<Record<string, unknown>>;
    const required = (s.required ?? []).filter((key) => s.properties && key in s.properties);
    if (required.length) {
      out.push(fc.tuple(base, fc.constantFrom(...required)).map(([value, key]) => {
        const { [key]: _, ...rest } = value;
        return rest;
      }));
    }
    const broken = Object.entries(s.properties ?? {})
      .map(([key, sub]) => [key, depth < MAX_DEPTH ? invalid(sub, depth + 1) : undefined] as const)
      .filter((entry): entry is readonly [string, Arb] => entry[1] !== undefined);
    if (broken.length) {
      out.push(fc.tuple(base, fc.oneof(...broken.map(([key, bad]) => bad.map((value) => [key, value] as const)))).map(([value, [key, bad]]) => ({ ...value, [key]: bad })));
    }
    if (s.additionalProperties && typeof s.additionalProperties === "object") {
      const badExtra = invalid(s.additionalProperties, depth + 1);
      if (badExtra) out.push(fc.tuple(base, badExtra).map(([value, bad]) => ({ ...value, extra_field: bad })));
    }
    return out;
  }

  return { resolve, valid, invalid };
}

/**
 * Breaks a JSON body in ways no schema describes: extra fields, huge or nested values, other JSON, not JSON.
 * Nesting goes to 100 levels, past the API's bound of 64 (worker/json/bounds.ts), not to the
 * thousands the bound's own tests send.
 */
export function bodyMutations(value: unknown): fc.Arbitrary<{ json: unknown } | { raw: string }> {
  const object = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const keys = Object.keys(object);
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant("field");
  const text = JSON.stringify(value) ?? "null";
  const nested = (depth: number, leaf: unknown): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), leaf);
  return fc.oneof(
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ json: { ...object, [k]: v } })),
    fc.tuple(key, fc.integer({ min: 1_000, max: HUGE })).map(([k, n]) => ({ json: { ...object, [k]: "é".repeat(n) } })),
    fc.tuple(key, fc.integer({ min: 2, max: 100 })).map(([k, depth]) => ({ json: { ...object, [k]: nested(depth, "leaf") } })),
    fc.tuple(key, fc.integer({ min: 2, max: 100 })).map(([k, depth]) => ({ json: { ...object, [k]: Array.from({ length: depth }).reduce<unknown>((inner) => [inner], []) } })),
    fc.constantFrom<unknown>(null, [], [object], "string", 0, true, {}).map((json) => ({ json })),
    fc.constantFrom("", " ", "{", "}", "[}", "nul", '{"a":}', "\u0000", "{'single':'quotes'}").map((raw) => ({ raw })),
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => ({ raw: text.slice(0, cut) })),
  );
}
