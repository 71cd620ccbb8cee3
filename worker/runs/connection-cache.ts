// Runs read their connections from the workspace's run ledger, which keeps each row (secrets
// still encrypted) for a minute (CONNECTION_CACHE_MS in ledger-object.ts): one D1 read per
// connection a minute instead of one per run. Whatever changes a connection's fields or secrets (the connection routes, a token
// refresh, a Telegram chat linked) tells the ledger to forget it, so runs never use a changed
// connection's old credentials; the time limit covers a change made some other way.
// Each of a split workspace's ledgers keeps its own copy, so all of them are told.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Env } from "../env";
import { workspaceLedgers } from "./workspace-ledgers";

export async function forgetCachedConnection(env: Pick<Env, "RUN_LEDGER">, scope: WorkspaceScope, connectionId: string) {
  await (await workspaceLedgers(env, scope)).forgetConnection(connectionId);
}
