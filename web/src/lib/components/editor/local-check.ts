// The same validator the Worker runs, loaded on the first save (it brings zod along, which
// the rest of the dashboard does not need). Without the catalogue it checks the format, ids,
// jumps and templates; the server adds the connectors' fields and the connections. Each
// problem comes in English and Russian; the user's language is kept.
import type { ErrorDetail } from "#lib/api/error.ts";
import { i18n } from "#lib/i18n/index.svelte.ts";

export async function checkLocally(document: unknown): Promise<ErrorDetail[]> {
  const { validateBundle } = await import("../../../../../worker/flow/validate.ts");
  const result = validateBundle(document);
  if (result.ok) return [];
  return result.errors.map(({ code, message, path, ru }) => ({ code, message: i18n.locale === "ru" ? ru : message, path }));
}
