// A connection as connectors see it: public and secret fields merged, plus a way to store
// refreshed credentials (encrypted again). Secret values are listed for log redaction.
import { getConnection, updateConnection } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import { decryptSecrets, encryptSecrets } from "../security/secrets-crypto";
import { getConnector } from "../connectors/catalogue";

export interface LoadedConnection {
  id: string;
  app: string;
  fields: Record<string, unknown>;
  secretValues: string[];
  update(fields: Record<string, string>): Promise<void>;
}

export async function loadConnection(env: Env, scope: WorkspaceScope, id: string): Promise<LoadedConnection | undefined> {
  const row = await getConnection(scope, id);
  if (!row) return undefined;
  let secrets = row.secrets ? await decryptSecrets(env, row.secrets) : {};
  let publicFields = row.fields as Record<string, unknown>;
  const secretNames = new Set(getConnector(row.app)?.connection?.secret ?? []);
  return {
    id: row.id,
    app: row.app,
    fields: { ...publicFields, ...secrets },
    secretValues: Object.values(secrets).filter((v): v is string => typeof v === "string"),
    async update(changes) {
      const changedSecrets = Object.fromEntries(Object.entries(changes).filter(([k]) => secretNames.has(k)));
      const changedPublic = Object.fromEntries(Object.entries(changes).filter(([k]) => !secretNames.has(k)));
      secrets = { ...secrets, ...changedSecrets };
      publicFields = { ...publicFields, ...changedPublic };
      await updateConnection(scope, id, { fields: publicFields, secrets: await encryptSecrets(env, secrets) });
    },
  };
}
