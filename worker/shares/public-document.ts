// What a share link shows of a bundle: the export's document (connections as placeholders)
// with every secret value replaced by the redaction mark. Secret means what the rest of the
// product already treats as secret:
// - values under secret-looking keys (password, token, api_key, authorization…), as in step logs;
// - any literal occurrence of a secret field of a connection the bundle uses (a pasted bot token);
// - every header value of an HTTP request step (the connector treats all of them as credentials);
// - secret-looking query values and user:password in URLs, as in the HTTP log lines.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { connectionRefs } from "../bundles/connection-refs";
import { withConnectionPlaceholders } from "../bundles/export-placeholders";
import { loadConnection } from "../connections/load-connection";
import { redactUrl } from "../connectors/http-client";
import { redact } from "../engine/log-payload";
import type { Env } from "../env";

export const REDACTED = "••••";

/** The document as a share link shows it: no connection ids, no secrets. */
export async function publicDocument(env: Env, scope: WorkspaceScope, document: unknown): Promise<unknown> {
  const secretValues: string[] = [];
  for (const id of connectionRefs(document)) {
    const connection = await loadConnection(env, scope, id);
    if (connection) secretValues.push(...connection.secretValues);
  }
  const placeheld = await withConnectionPlaceholders(scope, document);
  return redact(maskSteps(placeheld), secretValues);
}

function maskSteps(document: unknown): unknown {
  const doc = document as { steps?: unknown[] };
  return Array.isArray(doc?.steps) ? { ...doc, steps: doc.steps.map(maskStep) } : document;
}

function maskStep(step: unknown): unknown {
  if (!step || typeof step !== "object") return step;
  const s = { ...(step as Record<string, unknown>) };
  if (s.kind === "if") {
    if (Array.isArray(s.then)) s.then = s.then.map(maskStep);
    if (Array.isArray(s.else)) s.else = s.else.map(maskStep);
  }
  if (s.kind !== "action" || !s.input || typeof s.input !== "object") return s;
  const input = maskUrls(s.input) as Record<string, unknown>;
  if (s.app === "http" && input.headers && typeof input.headers === "object") {
    input.headers = Object.fromEntries(Object.keys(input.headers).map((name) => [name, REDACTED]));
  }
  return { ...s, input };
}

/** Every string that is a URL loses its secret query values and credentials. */
function maskUrls(value: unknown): unknown {
  if (typeof value === "string") {
    if (!/^https?:\/\//i.test(value)) return value;
    const masked = redactUrl(value);
    return masked.includes(REDACTED) ? masked : value;
  }
  if (Array.isArray(value)) return value.map(maskUrls);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskUrls(v)]));
  return value;
}
