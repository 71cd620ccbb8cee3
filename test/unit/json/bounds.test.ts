// The JSON bounds (worker/json/bounds.ts): the depth and size every kept value is checked
// against and the path a refusal names, found without recursion however deep the value.
import { describe, expect, it } from "vitest";
import { assertInBounds, MAX_JSON_DEPTH, outOfBounds } from "../../../worker/json/bounds";
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
