/// <reference types="vite/client" />
// Seeded random inputs for the fuzz tests: the same seed gives the same inputs, so a failure
// reproduces with FUZZ_SEED=<seed> (each fuzz test prints the seed it used).

/** mulberry32: small, fast, good enough to spread test inputs. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

export type Random = ReturnType<typeof prng>;

/** The seed from FUZZ_SEED, else a fresh one; logged so a failing run can be repeated. */
export function fuzzSeed(name: string): number {
  // vitest.config.ts passes FUZZ_SEED into the test runtime as import.meta.env.
  const fromEnv = import.meta.env.FUZZ_SEED;
  const seed = fromEnv && /^\d+$/.test(fromEnv) ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  console.log(`[fuzz] ${name}: seed ${seed} (repeat with FUZZ_SEED=${seed})`);
  return seed;
}

const NASTY_STRINGS = [
  "",
  " ",
  "{{",
  "}}",
  "{{constructor}}",
  "{{__proto__}}",
  "{{hook.__proto__.polluted}}",
  "{{hook.constructor.prototype}}",
  "{{ toString }}",
  "__proto__",
  "constructor",
  "prototype",
  "\u0000",
  "\uD800",
  "\uFEFF",
  "Привет, мир",
  "👨‍👩‍👧‍👦",
  "ﷺ",
  "\u202Eevil",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "1e309",
  "-0",
  "NaN",
  "true",
  "null",
];

/** A random string: nasty, unicode, or long (up to `maxLength`). */
export function randomString(r: Random, maxLength = 2000): string {
  const kind = r.int(4);
  if (kind === 0) return r.pick(NASTY_STRINGS);
  if (kind === 1) return Array.from({ length: r.int(40) }, () => String.fromCodePoint(r.chance(0.8) ? 0x20 + r.int(0x5f) : 0x400 + r.int(0x1f000))).join("");
  if (kind === 2) return r.pick(NASTY_STRINGS).repeat(1 + r.int(50));
  return "x".repeat(r.int(maxLength));
}

/** A random JSON value of at most `depth` levels. */
export function randomJson(r: Random, depth = 4): unknown {
  const kind = depth <= 0 ? r.int(5) : r.int(7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3:
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth - 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.chance(0.3) ? r.pick(NASTY_STRINGS) : randomString(r, 30), randomJson(r, depth - 1)]));
  }
}

/** `[[[…]]]` or `{"a":{"a":…}}` nested `depth` levels, as text. */
export function deeplyNested(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Text that is almost JSON: a valid document cut, with a byte flipped, or with junk added. */
export function malformedJson(r: Random): string {
  const valid = JSON.stringify(randomJson(r, 3)) ?? "null";
  switch (r.int(4)) {
    case 0:
      return valid.slice(0, r.int(valid.length));
    case 1: {
      const i = r.int(valid.length);
      return valid.slice(0, i) + r.pick(["{", "}", '"', ",", ":", "\\", "\u0000"]) + valid.slice(i + 1);
    }
    case 2:
      return valid + r.pick(["}", ",", "]]", "garbage"]);
    default:
      return "{" + '"k":'.repeat(r.int(20)) + "}";
  }
}

/** Replaces one random node of `value` (a copy) with a random JSON value. */
export function mutate(r: Random, value: unknown): unknown {
  if (value === null || typeof value !== "object" || r.chance(0.2)) return randomJson(r, 2);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0 || r.chance(0.1)) {
    (copy as Record<string, unknown>)[r.chance(0.5) ? randomString(r, 10) : r.pick(NASTY_STRINGS)] = randomJson(r, 2);
    return copy;
  }
  const key = r.pick(keys);
  if (r.chance(0.1)) delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = mutate(r, (copy as Record<string, unknown>)[key]);
  return copy;
}
