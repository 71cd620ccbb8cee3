// The JSON bounds (worker/json/bounds.ts): the depth and size every kept value is checked
// against, the path a refusal names, and the cut applied to outside data, all without
// recursion however deep the value.
import { describe, expect, it } from "vitest";
import { assertInBounds, CUT_MARKER, cutAtDepth, MAX_JSON_DEPTH, outOfBounds } from "../../../worker/json/bounds";
import { deeplyNested } from "../../fuzz/random";

const nested = (levels: number, kind: "array" | "object" = "array") => JSON.parse(deeplyNested(levels, kind));

describe("outOfBounds", () => {
  it(`keeps ${MAX_JSON_DEPTH} levels and refuses one more, naming the first value past them`, () => {
    expect(outOfBounds(nested(MAX_JSON_DEPTH))).toBeUndefined();
    const problem = outOfBounds({ ok: [1, 2], deep: nested(MAX_JSON_DEPTH, "object") }, "/payload");
    expect(problem?.code).toBe("too_deep");
    expect(problem?.path).toBe("/payload/deep" + "/a".repeat(MAX_JSON_DEPTH - 1));
    expect(problem?.text.en).toMatch(/^\/payload\/deep\/a\/a.* is nested more than 64 levels deep/);
  });

  it("names the first branch past the depth in document order", () => {
    const problem = outOfBounds({ first: nested(100), second: nested(100) });
    expect(problem?.path.startsWith("/first/0/0")).toBe(true);
  });

  it("bounds the size as JSON only when asked, after the depth", () => {
    const big = { text: "x".repeat(2000) };
    expect(outOfBounds(big)).toBeUndefined();
    expect(outOfBounds(big, "/test_data", 1024)).toMatchObject({ code: "too_large", path: "/test_data" });
    expect(outOfBounds(big, "/test_data", 1024)?.text.en).toBe("/test_data is 2 KiB as JSON; at most 1 KiB is kept.");
    expect(outOfBounds({ big, deep: nested(500) }, "", 1024)?.code).toBe("too_deep");
  });

  it("walks 500,000 levels without overflowing the stack", () => {
    expect(() => assertInBounds(nested(500_000))).toThrow(/nested more than 64 levels/);
  });
});

describe("cutAtDepth", () => {
  it("returns a value within the depth itself, not a copy", () => {
    const value = { a: [1, { b: nested(10) }] };
    expect(cutAtDepth(value)).toBe(value);
  });

  it("replaces what lies past the depth with the marker and keeps the rest", () => {
    const cut = cutAtDepth({ keep: "yes", list: [1, "two"], deep: nested(500_000) }) as Record<string, unknown>;
    expect(cut.keep).toBe("yes");
    expect(cut.list).toEqual([1, "two"]);
    // `deep` is the second level; the last list kept is the 64th, holding the marker.
    let node = cut.deep;
    for (let level = 2; level < MAX_JSON_DEPTH; level++) node = (node as unknown[])[0];
    expect(node).toEqual([CUT_MARKER]);
    expect(outOfBounds(cut)).toBeUndefined();
  });

  it("copies a __proto__ key as data", () => {
    const cut = cutAtDepth(JSON.parse(`{"__proto__": {"polluted": true}, "deep": ${deeplyNested(100, "array")}}`)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cut)).toBe(Object.prototype);
    expect(Object.hasOwn(cut, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
