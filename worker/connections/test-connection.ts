// Testing a connection: the app's cheap call with the stored credentials; the connection is
// marked active or inactive with the reason (secret values masked out of it).
import { updateConnection } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { getConnector } from "../connectors/catalogue";
import type { Env } from "../env";
import { httpClientFor } from "./http-client-for";
import { loadConnection } from "./load-connection";

export type TestOutcome = { ok: true } | { ok: false; error: string };

/** Undefined when the connection does not exist in the workspace. */
export async function testConnection(env: Env, scope: WorkspaceScope, id: string): Promise<TestOutcome | undefined> {
  const connection = await loadConnection(env, scope, id);
  if (!connection) return undefined;
  let error: string | undefined;
  try {
    await getConnector(connection.app)?.connection?.test({ connection: connection.fields, http: httpClientFor(env), store: connection });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    for (const secret of connection.secretValues) error = error.split(secret).join("••••");
  }
  await updateConnection(scope, connection.id, { status: error ? "inactive" : "active", statusReason: error ?? null, testedAt: new Date() });
  return error ? { ok: false, error } : { ok: true };
}
