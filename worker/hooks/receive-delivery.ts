// One delivery to a bundle's public URL, turned into a recorded run: the run is in the
// workspace's ledger before we answer, so an accepted delivery is never lost (the ledger's
// sweep re-sends a run whose queue message was lost). Redeliveries start nothing: VK's lead
// id, or an Idempotency-Key header, names the event; two deliveries without either are two
// events. The URL's rate limit and the month's quota are checked by the ledger as it records.
// A body nested past the JSON bounds is refused (400 too_deep naming the path) and not stored.
// Refusals are thrown as domain errors (worker/errors), written as JSON by app.onError like any
// API error; only the answers the sender's protocol wants (VK's plain text) are replies here.
import { findWebhookTarget } from "../../db/queries/bundles";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database, replicaDatabase } from "../../db/client";
import { loadConnection } from "../connections/load-connection";
import { handleVkCallback, type VkConnection } from "../connectors/vk/callback";
import { webhookOutput } from "../connectors/webhook/delivery";
import type { Env } from "../env";
import { Conflict, Gone, NotFound } from "../errors";
import { assertInBounds } from "../json/bounds";
import { limitsWith } from "../quotas/limits";
import { startRun } from "../runs/intake";
import type { RecordRequest } from "../runs/ledger-object";
import { loadPayload } from "../runs/payloads";
import { renderTemplate, type Bundle } from "../flow";
import { deliveryEvent } from "./delivery-events";
import { readText } from "../i18n";

/** What an accepted delivery (or a VK handshake) is answered with. */
export interface HookReply {
  status: number;
  body: string;
  contentType: string;
}

const text = (status: number, body: string): HookReply => ({ status, body, contentType: "text/plain; charset=utf-8" });

export async function receiveDelivery(env: Env, token: string, request: Request, waitUntil: (p: Promise<unknown>) => void): Promise<HookReply> {
  const db = database(env);
  // The one D1 read of a delivery, from a read replica when there is one (decision 0020).
  const target = await findWebhookTarget(replicaDatabase(env), token);
  if (!target) throw new NotFound("No bundle has this webhook URL (it may have been rotated).");
  const { bundle } = target;
  const scope = openWorkspaceScope(db, bundle.workspaceId);
  const document = bundle.document as Bundle;
  if (!bundle.enabled) {
    const why = bundle.pausedReason ? `It was paused: ${readText(bundle.pausedReason, "en")}` : "Turn it on in Svyazka to receive deliveries.";
    throw new Gone(`The bundle «${bundle.name}» is turned off; nothing was queued. ${why}`);
  }

  let eventKey: string;
  let stableEventKey: string | undefined;
  let sameEventAs: RecordRequest["sameEventAs"];
  let trigger: unknown;
  let reply: HookReply;
  if (document.trigger.app === "vk") {
    const connection = document.trigger.connection ? await loadConnection(env, scope, document.trigger.connection) : undefined;
    if (!connection) throw new Conflict("The bundle's VK connection is missing.");
    const body = await request.json().catch(() => undefined);
    assertInBounds(body);
    const vk = handleVkCallback(body, request.headers, connection.fields as unknown as VkConnection);
    if (!vk.event) return text(vk.status, vk.reply);
    eventKey = vk.event.dedupKey;
    trigger = vk.event.output;
    reply = text(200, "ok");
  } else {
    const output = await webhookOutput(request);
    // Before anything renders templates over it.
    assertInBounds(output);
    const idempotencyKey = request.headers.get("idempotency-key");
    const content = contentDedupKey(document, output);
    eventKey = content?.eventKey ?? (idempotencyKey ? deliveryEvent.idempotent(idempotencyKey) : deliveryEvent.fresh());
    sameEventAs = content?.sameEventAs;
    stableEventKey = content?.stableEventKey;
    trigger = output;
    reply = webhookReply(document, output);
  }

  const { run, created } = await startRun(
    env,
    scope,
    { bundleId: bundle.id, bundleVersion: bundle.version, eventKey, stableEventKey, trigger },
    {
      limits: limitsWith(env, target.quota, target.ledger),
      deliveryRate: { key: bundle.id, perSecond: target.hookRatePerSecond },
      sameEventAs,
      runnable: target.runnable,
      waitUntil,
    },
  );
  // A redelivery gets the first delivery's reply again.
  if (!created && document.trigger.app !== "vk") reply = webhookReply(document, (await loadPayload(env, run.trigger ?? {})) as Record<string, unknown>);
  return reply;
}

/**
 * The opt-in `dedupe_key` option (a template such as `{{trigger.order_id}}`) with `dedupe_hours`:
 * deliveries whose key renders the same within the window are one event. Windows are fixed
 * buckets of `dedupe_hours`; a key seen in the previous bucket less than the window ago also
 * counts, so the window really is at least `dedupe_hours` long. Both keys share the stable key,
 * which puts a spread bundle's two windows in one ledger.
 */
function contentDedupKey(document: Bundle, output: Record<string, unknown>): { eventKey: string; stableEventKey: string; sameEventAs: RecordRequest["sameEventAs"] } | undefined {
  const options = (document.trigger.options ?? {}) as { dedupe_key?: string; dedupe_hours?: number };
  if (!options.dedupe_key) return undefined;
  const value = String(renderTemplate(options.dedupe_key, { [document.trigger.id]: output }).value ?? "").trim();
  if (!value) return undefined;
  const windowMs = (options.dedupe_hours ?? 24) * 3_600_000;
  const bucket = Math.floor(Date.now() / windowMs);
  return { eventKey: deliveryEvent.content(value, bucket), stableEventKey: deliveryEvent.contentStable(value), sameEventAs: { eventKey: deliveryEvent.content(value, bucket - 1), withinMs: windowMs } };
}

/** The `respond` option: "ok" by default, or a template over the delivery. */
function webhookReply(document: Bundle, output: Record<string, unknown>): HookReply {
  const respond = (document.trigger.options as { respond?: unknown } | undefined)?.respond;
  if (typeof respond !== "string" || respond === "ok") return text(200, "ok");
  const rendered = renderTemplate(respond, { [document.trigger.id]: output }).value;
  return typeof rendered === "string" ? text(200, rendered) : { status: 200, body: JSON.stringify(rendered), contentType: "application/json" };
}

