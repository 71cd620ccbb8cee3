// An OAuth sign-in started at a connection field of the editor (oauth-return.ts carries the
// way back): the address names the field, and only that field takes the answer. Pure, so it is
// unit-tested without a browser.

const FIELD = "connect_for";

/** The editor's way back: the bundle's page, naming the connection field (a JSON pointer) the sign-in started from. */
export function editorReturnPath(pathname: string, pointer: string): string {
  return `${pathname}?${FIELD}=${encodeURIComponent(pointer)}`;
}

/** What came back for the connection field at `pointer`: the new connection or the error code; null if the sign-in was not started there. */
export function oauthAnswerFor(answer: Pick<URLSearchParams, "get">, pointer: string): { connected: string } | { error: string } | null {
  if (answer.get(FIELD) !== pointer) return null;
  const connected = answer.get("connected");
  if (connected) return { connected };
  const error = answer.get("oauth_error");
  return error ? { error } : null;
}

/** Whether the sign-in came back to a field inside the step at `pointer` (its card opens to show it). */
export function oauthAnswerInside(answer: Pick<URLSearchParams, "get">, pointer: string): boolean {
  return answer.get(FIELD)?.startsWith(`${pointer}/`) ?? false;
}
