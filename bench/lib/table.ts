// The one table the bench prints: a row per figure, grouped by benchmark.

export interface Row {
  bench: string;
  metric: string;
  value: string;
  /** Target or context, e.g. "target ≥ 0.5" or "not measured: …". */
  note?: string;
}

/** A Markdown table, so the output can be pasted into docs/benchmarks.md as it is. */
export function markdownTable(rows: readonly Row[]): string {
  const cells = (r: Row) => [r.bench, r.metric, r.value, r.note ?? ""].map((c) => c.replace(/\|/g, "\\|"));
  const lines = [
    "| benchmark | metric | value | note |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${cells(r).join(" | ")} |`),
  ];
  return lines.join("\n");
}
