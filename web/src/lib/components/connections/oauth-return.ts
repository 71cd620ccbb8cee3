// Where the user was when they started an OAuth sign-in (a template's set-up, the editor): the
// service sends the browser back to the Connections page, which sends it on here, with the
// same ?connected=<id> or ?oauth_error=<code>&app=<app>. Kept for this tab only.
const KEY = "svyazka.oauth_return";

/** Remembers `path` (a dashboard path of this origin) to come back to after signing in. */
export function rememberOAuthReturn(path: string) {
  sessionStorage.setItem(KEY, path);
}

/** The path to go on to, with the callback's answer; null when the sign-in started on the Connections page. */
export function takeOAuthReturn(answer: Pick<URLSearchParams, "get">): string | null {
  const path = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  // Only a path of this dashboard: never another origin, whatever the storage holds.
  if (!path || !path.startsWith("/w/") || path.startsWith("//")) return null;
  const url = new URL(path, location.origin);
  for (const name of ["connected", "oauth_error", "app"]) {
    const value = answer.get(name);
    if (value !== null) url.searchParams.set(name, value);
  }
  return url.pathname + url.search;
}
