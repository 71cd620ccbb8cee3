import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../../worker/connectors/rate-limit-object";

describe("TokenBucket", () => {
  it("lets a burst of `rate` through, then spaces requests 1/rate apart, in order", () => {
    const bucket = new TokenBucket(7, 7, 0);
    const waits = Array.from({ length: 10 }, () => bucket.take(7, 0));
    expect(waits.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(waits.slice(7)).toEqual([143, 286, 429]);
  });

  it("refills with time, never above the burst", () => {
    const bucket = new TokenBucket(2, 2, 0);
    bucket.take(2, 0);
    bucket.take(2, 0);
    expect(bucket.take(2, 500)).toBe(0);
    expect(bucket.take(2, 10_000)).toBe(0);
    expect(bucket.take(2, 10_000)).toBe(0);
    expect(bucket.take(2, 10_000)).toBe(500);
  });
});
