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

/**
 * An error as log fields: its message, and its stack where there is one (never shown to users).
 * A failed query's bound values (drizzle puts them in `params` and in a "params:" line of the
 * message) are masked: they can be users' data or tokens.
 */
export function errorFields(err: unknown): { error: string; stack?: string } {
  if (!(err instanceof Error)) return { error: String(err) };
  const params = (err as { params?: unknown }).params;
  const values = Array.isArray(params) ? params.map(String).filter((v) => v.length >= 4) : [];
  const mask = (text: string) => values.reduce((t, v) => t.replaceAll(v, "••••"), text.replace(/^params: .*$/gm, "params: ••••"));
  return { error: mask(err.message), stack: err.stack === undefined ? undefined : mask(err.stack) };
}
