// One JSON object per log line: Workers Logs indexes its fields, so an operator finds every line
// of one run with `run_id = "…"` in the dashboard, or `wrangler tail --format json` and a filter
// (docs/deploy.md). Ids use the names the API uses: run_id, workspace_id, bundle_id.
// Fields under secret-looking names are masked like step logs (redaction/).
import { redactJson } from "../redaction/json";
import { redactErrorText } from "../redaction/text";

type Level = "info" | "warn" | "error";

export function logEvent(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, ...redactJson(fields) });
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
  const values = Array.isArray(params) ? params.map(String) : [];
  return { error: redactErrorText(err.message, values), stack: err.stack === undefined ? undefined : redactErrorText(err.stack, values) };
}
