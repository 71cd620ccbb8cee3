// Writes one audit event for the change the current request made: who (the signed-in user or
// the API key), what (`bundle.updated`…), on which object, and a short note without secrets.
// Route handlers call it with one line after the change succeeded.
import type { Context } from "hono";
import { apiKeyName, insertAuditEvent } from "../../db/queries/audit";
import type { AppEnv } from "../http/context";
import { storeText, type Text } from "../i18n";
import { auditDetail } from "./details";

export type AuditAction =
  | "bundle.created"
  | "bundle.imported"
  | "bundle.updated"
  | "bundle.deleted"
  | "bundle.enabled"
  | "bundle.disabled"
  | "bundle.webhook_rotated"
  | "connection.created"
  | "connection.updated"
  | "connection.deleted"
  | "member.added"
  | "member.invited"
  | "member.role_changed"
  | "member.removed"
  | "api_key.created"
  | "api_key.revoked"
  | "settings.updated"
  | "share.created"
  | "share.revoked";

/** `detail`: a pair when it has our words in it (stored as one, shown in the reader's language). */
export async function audit(c: Context<AppEnv>, action: AuditAction, targetId: string, detail?: string | Text): Promise<void> {
  const scope = c.get("scope");
  const principal = c.get("principal");
  const actor =
    principal.kind === "user"
      ? { actorKind: "user", actorId: principal.userId, actorLabel: principal.email }
      : { actorKind: "api_key", actorId: principal.keyId, actorLabel: storeText(auditDetail.apiKeyActor((await apiKeyName(scope, principal.keyId)) ?? principal.keyId)) };
  await insertAuditEvent(scope, { ...actor, action, targetType: action.slice(0, action.indexOf(".")), targetId, detail: detail === undefined ? null : storeText(detail) });
}
