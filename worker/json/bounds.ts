// How deep and how large the JSON we keep may be, in one place. What people send (bundle
// documents, test data, run payloads, webhook bodies) is checked where it comes in and refused
// with a 4xx naming the path. Why a depth bound: SQLite's JSON functions fail on any value
// nested over 1000 levels (one such bundle failed every query that parsed its table), and RPC
// and our own walks over a value overflow the stack a few thousand levels down.
import { jsonPointer } from "../flow/json-pointer";
import { TextError, type Text } from "../i18n/text";
import { byteSize } from "../meter/byte-size";

/** Levels of objects and lists inside each other, the outermost counting as the first. */
export const MAX_JSON_DEPTH = 64;
/** A bundle/1 document, or a bundle's test data, as JSON: both are kept in the bundle's D1 row (2 MB at most). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;

export type BoundsCode = "too_deep" | "too_large";

export function isBoundsCode(code: string): code is BoundsCode {
  return code === "too_deep" || code === "too_large";
}

export class OutOfBounds extends TextError {
  declare readonly text: Text;

  constructor(
    readonly code: BoundsCode,
    text: Text,
    /** The JSON pointer of the offending value in the request. */
    readonly path: string,
  ) {
    super(text);
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
