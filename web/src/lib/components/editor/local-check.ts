// The same validator the Worker runs, loaded on the first save (it brings zod along, which
// the rest of the dashboard does not need). Without the catalogue it checks the format, ids,
// jumps and templates; the server adds the connectors' fields and the connections.
import type { ErrorDetail } from "#lib/api/error.ts";

export async function checkLocally(document: unknown): Promise<ErrorDetail[]> {
  const { validateBundle } = await import("../../../../../worker/flow/validate.ts");
  const result = validateBundle(document);
  return result.ok ? [] : result.errors;
}
