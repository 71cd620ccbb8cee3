// Traffic over workspaces as real platforms see it: a few busy, a long tail. Zipf–Mandelbrot
// weights 1/(rank + q)^s, with q chosen so the busiest workspace gets a given share (with s = 1
// and a few hundred workspaces, plain Zipf would give the first one far more than 5%).

/** Weights (summing to 1, busiest first) of `n` workspaces with exponent `s` and the busiest holding `busiestShare`. */
export function zipfWeights(n: number, s: number, busiestShare: number): number[] {
  if (n < 1) return [];
  if (busiestShare <= 1 / n) return Array.from({ length: n }, () => 1 / n);
  const weights = (q: number) => {
    const raw = Array.from({ length: n }, (_, k) => 1 / (k + 1 + q) ** s);
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((w) => w / sum);
  };
  // the busiest share falls as q grows (towards 1/n): bisect on q
  let low = 0;
  let high = 1;
  while (weights(high)[0] > busiestShare && high < 1e9) high *= 2;
  if (weights(low)[0] <= busiestShare) return weights(low);
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (weights(mid)[0] > busiestShare) low = mid;
    else high = mid;
  }
  return weights((low + high) / 2);
}

/** Whole counts per workspace summing to `total`, as close to total × weight as can be (largest remainder). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const exact = weights.map((w) => w * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] += 1;
  }
  return counts;
}

/** The delivery order: workspace index per delivery, shuffled with a fixed seed so busy ones are spread over the load. */
export function deliveryOrder(counts: readonly number[], seed = 1): number[] {
  const order = counts.flatMap((n, i) => Array.from({ length: n }, () => i));
  let state = seed >>> 0 || 1;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
