// A connection as connectors see it: public and secret fields merged, plus a way to store
// refreshed credentials (encrypted again) and to refresh them one run at a time. Secret
// values are listed for log redaction.
import { getConnection, updateConnection, type ConnectionRow } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import { decryptSecrets, encryptSecrets } from "../security/secrets-crypto";
import { getConnector } from "../connectors/catalogue";
import type { ConnectionStore } from "../connectors/types";
import { forgetCachedConnection } from "../runs/connection-cache";
import { withRefreshLock } from "./refresh-lock";

/** The connection's fields, and the store connectors write refreshed tokens through. */
export interface LoadedConnection extends Required<ConnectionStore> {
  id: string;
  app: string;
  fields: Record<string, unknown>;
  secretValues: string[];
}

export async function loadConnection(env: Env, scope: WorkspaceScope, id: string): Promise<LoadedConnection | undefined> {
  const row = await getConnection(scope, id);
  return row && connectionFromRow(env, scope, row);
}

/** The connection of a row already read (runs get theirs from the workspace's run ledger, which caches them). */
export async function connectionFromRow(env: Env, scope: WorkspaceScope, row: ConnectionRow): Promise<LoadedConnection> {
  const id = row.id;
  const secretNames = new Set(getConnector(row.app)?.connection?.secret ?? []);
  let secrets: Record<string, unknown> = {};
  let publicFields: Record<string, unknown> = {};
  const read = async (r: ConnectionRow) => {
    secrets = r.secrets ? await decryptSecrets(env, r.secrets) : {};
    publicFields = r.fields as Record<string, unknown>;
  };
  await read(row);
  const fields = { ...publicFields, ...secrets };
  return {
    id: row.id,
    app: row.app,
    fields,
    secretValues: Object.values(secrets).filter((v): v is string => typeof v === "string"),
    async update(changes) {
      const changedSecrets = Object.fromEntries(Object.entries(changes).filter(([k]) => secretNames.has(k)));
      const changedPublic = Object.fromEntries(Object.entries(changes).filter(([k]) => !secretNames.has(k)));
      secrets = { ...secrets, ...changedSecrets };
      publicFields = { ...publicFields, ...changedPublic };
      await updateConnection(scope, id, { fields: publicFields, secrets: await encryptSecrets(env, secrets) });
      await forgetCachedConnection(env, scope, id);
    },
    exclusive(fn) {
      return withRefreshLock(scope, id, async () => {
        // Re-read under the lock: the run before us may have stored new tokens.
        const latest = await getConnection(scope, id);
        if (latest) await read(latest);
        return fn({ ...publicFields, ...secrets });
      });
    },
  };
}
