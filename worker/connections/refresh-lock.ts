// One OAuth refresh at a time per connection, across runs and isolates: a lease taken by a
// conditional UPDATE of the connection's row (docs/decisions/0009). Rotating refresh tokens
// (amoCRM) die on first use, so two runs refreshing with the same one would lose one run.
import { releaseRefreshLock, takeRefreshLock } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { ConnectorError } from "../connectors/types";

/** Longer than a refresh takes (one request, 15 s timeout), so a crashed holder frees it soon. */
export const REFRESH_LOCK_TTL_MS = 30_000;
const MAX_WAIT_MS = 45_000;
const POLL_MS = 50;

export async function withRefreshLock<T>(scope: WorkspaceScope, connectionId: string, fn: () => Promise<T>): Promise<T> {
  const holder = crypto.randomUUID();
  const deadline = Date.now() + MAX_WAIT_MS;
  while (!(await takeRefreshLock(scope, connectionId, holder, new Date(Date.now() + REFRESH_LOCK_TTL_MS)))) {
    if (Date.now() > deadline) {
      const message = { en: "Another run has been refreshing this connection's access token for too long.", ru: "Другой запуск слишком долго обновляет токен доступа этого подключения." };
      throw new ConnectorError(message, { transient: true, retryAfterSeconds: 5 });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await fn();
  } finally {
    await releaseRefreshLock(scope, connectionId, holder);
  }
}
