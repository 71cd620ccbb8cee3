// One delivery to a bundle's public URL, turned into a stored run: the event is in D1
// before we answer, so an accepted delivery is never lost (the cron starts any run whose
// Workflow instance was not created). Redeliveries start nothing: VK's lead id, or an
// Idempotency-Key header, names the event; two deliveries without either are two events.
import { findWebhookTarget } from "../../db/queries/bundles";
import { findRunByEvent, getRun, insertRunOnce } from "../../db/queries/runs";
import { openWorkspaceScope, type WorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { loadConnection } from "../connections/load-connection";
import { handleVkCallback, type VkConnection } from "../connectors/vk/callback";
import { webhookOutput } from "../connectors/webhook/delivery";
import { runIdFor } from "../engine/run-id";
import { createInstance } from "../engine/start-run";
import type { Env } from "../env";
import { assertRunsLeft } from "../quotas/enforce";
import { limitsWith } from "../quotas/limits";
import { renderTemplate, type Bundle } from "../flow";
import { deliveryEvent } from "./delivery-events";

export interface HookReply {
  status: number;
  body: string;
  contentType: string;
}

const text = (status: number, body: string): HookReply => ({ status, body, contentType: "text/plain; charset=utf-8" });
const json = (status: number, code: string, message: string): HookReply => ({
  status,
  body: JSON.stringify({ error: { code, message, path: "" } }),
  contentType: "application/json",
});

export async function receiveDelivery(env: Env, token: string, request: Request, waitUntil: (p: Promise<unknown>) => void): Promise<HookReply> {
  const db = database(env);
  const target = await findWebhookTarget(db, token, new Date());
  if (!target) return json(404, "not_found", "No bundle has this webhook URL (it may have been rotated).");
  const { bundle } = target;
  const scope = openWorkspaceScope(db, bundle.workspaceId);
  const document = bundle.document as Bundle;
  if (!bundle.enabled) {
    const why = bundle.pausedReason ? `It was paused: ${bundle.pausedReason}` : "Turn it on in Svyazka to receive deliveries.";
    return json(410, "gone", `The bundle «${bundle.name}» is turned off; nothing was queued. ${why}`);
  }

  let eventKey: string;
  let trigger: unknown;
  let reply: HookReply;
  if (document.trigger.app === "vk") {
    const connection = document.trigger.connection ? await loadConnection(env, scope, document.trigger.connection) : undefined;
    if (!connection) return json(409, "conflict", "The bundle's VK connection is missing.");
    const body = await request.json().catch(() => undefined);
    const vk = handleVkCallback(body, request.headers, connection.fields as unknown as VkConnection);
    if (!vk.event) return text(vk.status, vk.reply);
    eventKey = vk.event.dedupKey;
    trigger = vk.event.output;
    reply = text(200, "ok");
  } else {
    const output = await webhookOutput(request);
    const idempotencyKey = request.headers.get("idempotency-key");
    const contentKey = await contentDedupKey(scope, bundle.id, document, output);
    eventKey = contentKey ?? (idempotencyKey ? deliveryEvent.idempotent(idempotencyKey) : deliveryEvent.fresh());
    trigger = output;
    reply = webhookReply(document, output);
  }

  const runId = await runIdFor(bundle.id, eventKey);
  assertRunsLeft(limitsWith(env, target.quota), target.runsThisMonth);
  const { created } = await insertRunOnce(scope, { id: runId, bundleId: bundle.id, bundleVersion: bundle.version, eventKey, trigger });
  if (created) waitUntil(createInstance(env, bundle.workspaceId, runId));
  else reply = await repeatReply(scope, document, runId, reply);
  return reply;
}

/**
 * The opt-in `dedupe_key` option (a template such as `{{hook.order_id}}`) with `dedupe_hours`:
 * deliveries whose key renders the same within the window are one event. Windows are fixed
 * buckets of `dedupe_hours`; a key seen in the previous bucket less than the window ago also
 * counts, so the window really is at least `dedupe_hours` long.
 */
async function contentDedupKey(scope: WorkspaceScope, bundleId: string, document: Bundle, output: Record<string, unknown>) {
  const options = (document.trigger.options ?? {}) as { dedupe_key?: string; dedupe_hours?: number };
  if (!options.dedupe_key) return undefined;
  const value = String(renderTemplate(options.dedupe_key, { [document.trigger.id]: output }).value ?? "").trim();
  if (!value) return undefined;
  const windowMs = (options.dedupe_hours ?? 24) * 3_600_000;
  const bucket = Math.floor(Date.now() / windowMs);
  const previous = await findRunByEvent(scope, bundleId, deliveryEvent.content(value, bucket - 1));
  if (previous && Date.now() - previous.createdAt.getTime() < windowMs) return previous.eventKey;
  return deliveryEvent.content(value, bucket);
}

/** The `respond` option: "ok" by default, or a template over the delivery. */
function webhookReply(document: Bundle, output: Record<string, unknown>): HookReply {
  const respond = (document.trigger.options as { respond?: unknown } | undefined)?.respond;
  if (typeof respond !== "string" || respond === "ok") return text(200, "ok");
  const rendered = renderTemplate(respond, { [document.trigger.id]: output }).value;
  return typeof rendered === "string" ? text(200, rendered) : { status: 200, body: JSON.stringify(rendered), contentType: "application/json" };
}

/** A redelivery gets the first delivery's reply again. */
async function repeatReply(scope: WorkspaceScope, document: Bundle, runId: string, fallback: HookReply): Promise<HookReply> {
  if (document.trigger.app === "vk") return fallback;
  const first = await getRun(scope, runId);
  return first ? webhookReply(document, (first.trigger ?? {}) as Record<string, unknown>) : fallback;
}
