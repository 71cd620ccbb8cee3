// One JSON object per log line: Workers Logs indexes its fields, so an operator finds every line
// of one run with `run_id = "…"` in the dashboard, or `wrangler tail --format json` and a filter
// (docs/deploy.md). Ids use the names the API uses: run_id, workspace_id, bundle_id.
type Level = "info" | "warn" | "error";

export function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** An error as log fields: its message, and its stack where there is one (never shown to users). */
export function errorFields(err: unknown): { error: string; stack?: string } {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) };
}
