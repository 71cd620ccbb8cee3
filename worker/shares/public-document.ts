// What a share link shows of a bundle: the export's document (connections as placeholders)
// with every secret value replaced by the redaction mark. Secret means what the rest of the
// product already treats as secret:
// - values under secret-looking keys (password, token, api_key, authorization…), as in step logs;
// - any literal occurrence of a secret field of a connection the bundle uses (a pasted bot token);
// - every header value of an HTTP request step (the connector treats all of them as credentials);
// - secret-looking query values and user:password in URLs, as in the HTTP log lines;
// - literals that look like keys (long runs of letters mixed with digits: a Slack webhook's
//   path, a spreadsheet id), in step inputs and trigger options, whole or as a URL path segment.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { connectionRefs } from "../bundles/connection-refs";
import { withConnectionPlaceholders } from "../bundles/export-placeholders";
import { loadConnection } from "../connections/load-connection";
import type { Env } from "../env";
import { mapSteps } from "../flow/step-tree";
import { redactJson } from "../redaction/json";
import { REDACTED } from "../redaction/mask";
import { redactUrl } from "../redaction/url";

/** The document as a share link shows it: no connection ids, no secrets. */
export async function publicDocument(env: Env, scope: WorkspaceScope, document: unknown): Promise<unknown> {
  const secretValues: string[] = [];
  for (const id of connectionRefs(document)) {
    const connection = await loadConnection(env, scope, id);
    if (connection) secretValues.push(...connection.secretValues);
  }
  const placeheld = await withConnectionPlaceholders(scope, document);
  return redactJson(maskInputs(placeheld), secretValues);
}

/** Literals in trigger options and step inputs; every HTTP header value. */
function maskInputs(document: unknown): unknown {
  const doc = document as { trigger?: { options?: unknown }; steps?: unknown[] };
  const out: Record<string, unknown> = { ...(document as Record<string, unknown>) };
  if (doc.trigger?.options) out.trigger = { ...doc.trigger, options: maskLiterals(doc.trigger.options) };
  if (Array.isArray(doc.steps)) out.steps = mapSteps(doc.steps, maskStep);
  return out;
}

function maskStep(s: Record<string, unknown>): Record<string, unknown> {
  if (s.kind !== "action" || !s.input || typeof s.input !== "object") return s;
  const input = maskLiterals(s.input) as Record<string, unknown>;
  if (s.app === "http" && input.headers && typeof input.headers === "object") {
    input.headers = Object.fromEntries(Object.keys(input.headers).map((name) => [name, REDACTED]));
  }
  return { ...s, input };
}

/**
 * A long run of letters and digits without spaces, mixed case or at least 32 long: a key, a
 * token, an id meant to be unguessable — not words joined by "_" ("lead_source_2024").
 */
function looksLikeKey(text: string): boolean {
  if (!/^[A-Za-z0-9_-]{20,}$/.test(text) || !/\d/.test(text)) return false;
  return text.length >= 32 || (/[a-z]/.test(text) && /[A-Z]/.test(text));
}

function maskUrl(url: string): string {
  const masked = redactUrl(url).replace(/\/([A-Za-z0-9_-]{20,})(?=[/?#]|$)/g, (segment, text: string) => (looksLikeKey(text) ? `/${REDACTED}` : segment));
  return masked.includes(REDACTED) ? masked : url;
}

/** Key-like literals, and the secret parts of URLs, become the redaction mark. */
function maskLiterals(value: unknown): unknown {
  if (typeof value === "string") {
    if (looksLikeKey(value)) return REDACTED;
    return /^https?:\/\//i.test(value) ? maskUrl(value) : value;
  }
  if (Array.isArray(value)) return value.map(maskLiterals);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLiterals(v)]));
  return value;
}
