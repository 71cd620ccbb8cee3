// What /s/:token and /embed/:token load: the shared bundle and the catalogue it is drawn
// with, or why the link is dead (404: revoked or unknown, 410: expired on a date).
import type { CatalogueApp } from "#lib/api/types.ts";
import { bundleApi } from "#lib/api/bundles.ts";
import { ApiError } from "#lib/api/error.ts";
import { shareApi } from "#lib/api/shares.ts";
import type { PublicShare } from "#lib/api/types.ts";

export type LoadedShare =
  | { state: "live"; token: string; share: PublicShare; apps: CatalogueApp[] }
  | { state: "missing" }
  | { state: "expired"; expiredAt: string | null };

export async function loadShare(token: string, fetch: typeof globalThis.fetch): Promise<LoadedShare> {
  try {
    const [share, catalogue] = await Promise.all([shareApi.read(token, fetch), bundleApi.catalogue(fetch)]);
    return { state: "live", token, share, apps: catalogue.apps };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { state: "missing" };
    // the 410 names the date only in its message ("expired on 2026-…Z.")
    if (error instanceof ApiError && error.status === 410) return { state: "expired", expiredAt: error.message.match(/\d{4}-\d\d-\d\dT[\d:.]+Z/)?.[0] ?? null };
    throw error;
  }
}
