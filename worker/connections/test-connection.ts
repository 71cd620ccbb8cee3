// Testing a connection: the app's cheap call with the stored credentials; the connection is
// marked active or inactive with the reason (secret values masked out of it). The stored
// reason is English, like run logs; the answer to the person testing is in their language.
import { updateConnection } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { getConnector } from "../connectors/catalogue";
import { ConnectorError } from "../connectors/types";
import type { Env } from "../env";
import { inLocale, type Locale, type Text } from "../i18n/text";
import { internalError } from "../observability/internal-error";
import { httpClientFor } from "./http-client-for";
import { loadConnection } from "./load-connection";
import { redactText } from "../redaction/text";

export type TestOutcome = { ok: true } | { ok: false; error: string };

/** Undefined when the connection does not exist in the workspace. */
export async function testConnection(env: Env, scope: WorkspaceScope, id: string, locale: Locale = "en"): Promise<TestOutcome | undefined> {
  const connection = await loadConnection(env, scope, id);
  if (!connection) return undefined;
  let failure: Text | string | undefined;
  try {
    await getConnector(connection.app)?.connection?.test({ connection: connection.fields, http: httpClientFor(env), store: connection });
  } catch (err) {
    failure = err instanceof ConnectorError ? err.text : internalError(err, `testing connection ${connection.id}`, connection.secretValues).text;
  }
  const said = (language: Locale) => {
    if (!failure) return undefined;
    return redactText(inLocale(failure, language), connection.secretValues);
  };
  const reason = said("en");
  await updateConnection(scope, connection.id, { status: reason ? "inactive" : "active", statusReason: reason ?? null, testedAt: new Date() });
  return reason ? { ok: false, error: said(locale)! } : { ok: true };
}
