// How deep and how large the JSON we keep may be, in one place. What people send (bundle
// documents, test data, run payloads, webhook bodies) is checked where it comes in and refused
// with a 4xx naming the path; what outside services answer has no sender to refuse, so it is
// cut at the depth instead. Why a depth bound: SQLite's JSON functions fail on any value
// nested over 1000 levels (one such bundle failed every query that parsed its table), and RPC
// and our own walks over a value overflow the stack a few thousand levels down.
import { jsonPointer } from "./pointer";
import { DomainError, type ErrorDetail } from "../errors";
import type { Text } from "../i18n/text";
import { byteSize } from "../meter/byte-size";

/** Levels of objects and lists inside each other, the outermost counting as the first. */
export const MAX_JSON_DEPTH = 64;
/** A bundle/1 document, or a bundle's test data, as JSON: both are kept in the bundle's D1 row (2 MB at most). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

/** What stands where a cut part of outside data was: text, so the cut value is itself within the depth. */
export const CUT_MARKER = `[nested deeper than ${MAX_JSON_DEPTH} levels: not kept]`;

export type BoundsCode = "too_deep" | "too_large";

export function isBoundsCode(code: string): code is BoundsCode {
  return code === "too_deep" || code === "too_large";
}

/** A domain error (400 too_deep / too_large) whose `path` is the JSON pointer of the offending value in the request. */
export class OutOfBounds extends DomainError {
  declare readonly text: Text;

  constructor(
    readonly code: BoundsCode,
    text: Text,
    path: string,
    details?: ErrorDetail[],
  ) {
    super(text, path, details);
  }
}

/**
 * Why `value` cannot be kept, or undefined. `at` is the value's JSON pointer in the request (its
 * problems are named under it); `maxBytes`, when given, bounds its size as JSON too.
 */
export function outOfBounds(value: unknown, at = "", maxBytes?: number): OutOfBounds | undefined {
  const deep = firstTooDeep(value);
  if (deep) {
    const path = at + jsonPointer(deep);
    return new OutOfBounds(
      "too_deep",
      {
        en: `${path} is nested more than ${MAX_JSON_DEPTH} levels deep (objects and lists inside each other); make the data flatter.`,
        ru: `${path}: вложенность больше ${MAX_JSON_DEPTH} уровней (объекты и списки друг в друге); сделайте данные площе.`,
      },
      path,
    );
  }
  const bytes = maxBytes === undefined ? 0 : byteSize(value);
  if (maxBytes === undefined || bytes <= maxBytes) return undefined;
  const kib = (n: number) => Math.ceil(n / 1024);
  return new OutOfBounds(
    "too_large",
    {
      en: `${at || "The body"} is ${kib(bytes)} KiB as JSON; at most ${kib(maxBytes)} KiB is kept.`,
      ru: `${at || "Тело запроса"}: ${kib(bytes)} КиБ в JSON; хранится не больше ${kib(maxBytes)} КиБ.`,
    },
    at,
  );
}

/** Throws outOfBounds' answer, if any. */
export function assertInBounds(value: unknown, at = "", maxBytes?: number): void {
  const problem = outOfBounds(value, at, maxBytes);
  if (problem) throw problem;
}

/** `value` itself when it is within the depth; else a copy whose objects and lists beyond it are CUT_MARKER. */
export function cutAtDepth(value: unknown): unknown {
  if (!firstTooDeep(value)) return value;
  const pending: Array<{ from: object; to: Record<string, unknown>; depth: number }> = [];
  const copy = (from: unknown, depth: number): unknown => {
    if (from === null || typeof from !== "object") return from;
    if (depth >= MAX_JSON_DEPTH) return CUT_MARKER;
    const to = (Array.isArray(from) ? [] : {}) as Record<string, unknown>;
    pending.push({ from, to, depth });
    return to;
  };
  const root = copy(value, 0);
  for (let next = pending.pop(); next; next = pending.pop()) {
    // Defined, not assigned: a "__proto__" key stays data.
    for (const [key, child] of Object.entries(next.from)) Object.defineProperty(next.to, key, { value: copy(child, next.depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return root;
}

/** The path to the first object or list (in document order) past the depth; walked without recursion. */
function firstTooDeep(value: unknown): string[] | undefined {
  interface Node {
    value: unknown;
    depth: number;
    key?: string;
    parent?: Node;
  }
  const stack: Node[] = [{ value, depth: 0 }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.value === null || typeof node.value !== "object") continue;
    if (node.depth >= MAX_JSON_DEPTH) return pathTo(node);
    const entries = Object.entries(node.value);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], depth: node.depth + 1, key: entries[i][0], parent: node });
  }
  return undefined;

  function pathTo(node: Node): string[] {
    const path: string[] = [];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.unshift(n.key);
    return path;
  }
}
