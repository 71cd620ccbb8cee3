// The scale bench spreads deliveries over workspaces by Zipf (s = 1) with the busiest at 5%.
import { describe, expect, it } from "vitest";
import { allocate, deliveryOrder, zipfWeights } from "../../../bench/lib/zipf";

describe("Zipf weights with a given busiest share", () => {
  it("sum to 1, fall with rank, and give the busiest the share asked for", () => {
    for (const n of [100, 200, 10_000]) {
      const w = zipfWeights(n, 1, 0.05);
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(w[0]).toBeCloseTo(0.05, 6);
      for (let i = 1; i < n; i++) expect(w[i]).toBeLessThanOrEqual(w[i - 1]);
    }
  });

  it("are plain Zipf when that already gives a smaller busiest share, and uniform when the share is 1/n or less", () => {
    const plain = zipfWeights(3, 1, 0.9); // plain Zipf over 3 gives the first 6/11
    expect(plain[0]).toBeCloseTo(6 / 11, 9);
    expect(zipfWeights(4, 1, 0.2)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe("whole deliveries per workspace", () => {
  it("add up to the total and stay within one of the exact share", () => {
    const w = zipfWeights(200, 1, 0.05);
    const counts = allocate(2_000, w);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2_000);
    counts.forEach((c, i) => expect(Math.abs(c - w[i] * 2_000)).toBeLessThan(1));
    expect(counts[0]).toBe(100);
  });

  it("are sent in a shuffled order that is the same for the same seed", () => {
    const order = deliveryOrder([3, 1, 2], 7);
    expect([...order].sort()).toEqual([0, 0, 0, 1, 2, 2]);
    expect(deliveryOrder([3, 1, 2], 7)).toEqual(order);
  });
});
