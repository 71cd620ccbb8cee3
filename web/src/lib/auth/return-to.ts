// Where to go after logging in or signing up when a page sent the user there (`?next=`, e.g.
// a share link's "Use this bundle"). Only paths of this site: never another origin.
import { page } from "$app/state";

export function returnTo(): string | null {
  const next = page.url.searchParams.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null;
}

/** `path` with the same `?next=` as this page, so that login and signup links keep it. */
export function keepingReturn(path: string): string {
  const next = returnTo();
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
