// The polls queue's consumer: each message polls one Sheets bundle (poll-message.ts). A poll the
// sheet turns away for a while (429, 5xx, a timeout) is tried again by the queue once the sheet
// allows; past the queue's retries, or on any other failure, it waits for the bundle's next due
// time, as a tick's poll always did. The cursor only moves past rows whose runs are stored.
import { getBundle } from "../../db/queries/bundles";
import { openWorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import { ConnectorError } from "../connectors/types";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import { sendPolls, type PollMessage } from "./poll-message";
import { pollSheet } from "./poll-sheet";
import { errorFields, logEvent } from "../observability/log";

/** Google's read quotas refill within a minute and its 429s name no wait. */
const DEFAULT_RETRY_SECONDS = 60;

export async function consumePolls(batch: MessageBatch<PollMessage>, env: Env): Promise<void> {
  const polled = new Set<string>();
  await Promise.all(
    batch.messages.map(async (message) => {
      // Two polls of one bundle would race each other on its cursor: the first one polls for both.
      if (polled.has(message.body.bundleId)) return message.ack();
      polled.add(message.body.bundleId);
      const retryInSeconds = await pollBundle(env, message.body);
      if (retryInSeconds === undefined) message.ack();
      else message.retry({ delaySeconds: retryInSeconds });
    }),
  );
}

/** Polls one bundle; returns the seconds to wait before trying again, when the sheet asks for it. */
async function pollBundle(env: Env, message: PollMessage): Promise<number | undefined> {
  const scope = openWorkspaceScope(database(env), message.workspaceId);
  const bundle = await getBundle(scope, message.bundleId);
  const document = bundle?.document as Bundle | undefined;
  if (!bundle?.enabled || document?.trigger.app !== "google_sheets") return undefined;
  try {
    const { more } = await pollSheet(env, scope, bundle, document);
    if (more) await sendPolls(env, [message]);
  } catch (err) {
    logEvent("warn", "poll.failed", { workspace_id: bundle.workspaceId, bundle_id: bundle.id, ...errorFields(err) });
    if (err instanceof ConnectorError && err.options.transient) return err.options.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS;
  }
  return undefined;
}
