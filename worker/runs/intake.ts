// The run intake: webhooks, VK, sheet polls, schedules, chained bundles, manual runs and
// retries all start runs here. For each run it derives the run id from bundle + event, puts a
// large trigger payload in R2, and asks the ledger of the run's shard (the bundle's, or for a
// bundle spread over the shards the event's; workspace-ledgers.ts) to record it: the ledger checks its share of the month's quota and the event's uniqueness in
// one step, so concurrent intakes can neither start an event twice nor go over the quota. Each
// new run is one message on the runs queue, naming its shard; a message that is lost is re-sent
// by the ledger's sweep.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { NewRun, RunRow } from "../../db/ledger/queries/runs";
import type { Env } from "../env";
import { limitsFor, runsPerMonthPerShard, type Limits } from "../quotas/limits";
import { DeliveryRateLimited, RunQuotaExceeded } from "./errors";
import type { RecordRequest } from "./ledger-object";
import { deletePayloads, storePayload } from "./payloads";
import { runIdFor } from "./run-id";
import { runMessage, type RunMessage } from "./run-message";
import { WorkspaceLedgers } from "./workspace-ledgers";
import type { RunnableVersion } from "../../db/queries/bundles";
import { errorFields, logEvent } from "../observability/log";

/** What starts a run: the bundle version to run and the event (a delivery id, a sheet row, "manual-<uuid>"). */
export type RunStart = Omit<NewRun, "id"> & {
  /**
   * What every key of the same event shares, when the event key varies (a webhook dedupe
   * window's time bucket): a spread bundle's run goes to the shard of this, so the event's
   * keys of two windows meet in one ledger. Default: the event key.
   */
  stableEventKey?: string;
};

export interface IntakeOptions {
  /** The workspace's limits, when the caller has read them already (webhooks read them with the bundle). */
  limits?: Limits;
  /** Webhook deliveries: counted against the URL's rate limit. */
  deliveryRate?: RecordRequest["deliveryRate"];
  /** Webhook dedupe windows: the event may already be recorded under an earlier key. */
  sameEventAs?: RecordRequest["sameEventAs"];
  /** The bundle version the runs execute, when the caller has just read it: it travels with each message. */
  runnable?: RunnableVersion;
  /**
   * The shard to record in instead of the bundle's: a retry goes where the run it retries is
   * (the executor reuses that run's step outputs from its own ledger), even after the split grew.
   */
  shard?: number;
  /** Lets the queue message go after the answer (webhooks answer as soon as the run is recorded). */
  waitUntil?: (p: Promise<unknown>) => void;
}

export interface StartedRun {
  run: RunRow;
  created: boolean;
  /** The ledger shard the run is in. */
  shard: number;
}

export async function startRun(env: Env, scope: WorkspaceScope, start: RunStart, options: IntakeOptions = {}): Promise<StartedRun> {
  return (await startRuns(env, scope, [start], options))[0];
}

/** Starts several runs in order (a sheet poll's rows); stops at the first refusal, keeping those before it. */
export async function startRuns(env: Env, scope: WorkspaceScope, starts: RunStart[], options: IntakeOptions = {}): Promise<StartedRun[]> {
  const limits = options.limits ?? (await limitsFor(env, scope));
  const ledgers = new WorkspaceLedgers(env, scope.workspaceId, { shards: limits.ledgerShards, spread: limits.ledgerSpread });
  const started: StartedRun[] = [];
  try {
    for (const { stableEventKey, ...start } of starts) {
      const id = await runIdFor(start.bundleId, start.eventKey);
      const trigger = await storePayload(env, scope.workspaceId, id, "trigger", start.trigger);
      const shard = options.shard ?? ledgers.runShardOf(start.bundleId, stableEventKey ?? start.eventKey);
      const result = await ledgers.shard(shard).record({
        workspaceId: scope.workspaceId,
        shard,
        run: { ...start, id, trigger: trigger.value },
        runsPerMonth: runsPerMonthPerShard(limits),
        deliveryRate: options.deliveryRate && { ...options.deliveryRate, perSecond: ledgers.deliveryRateShare(start.bundleId, options.deliveryRate.perSecond) },
        sameEventAs: options.sameEventAs,
        payloadKeys: trigger.keys,
      });
      // The ledger keeps the payload only with a new run; a repeat keeps the first one's.
      if (result.kind !== "created" && trigger.keys.length) await deletePayloads(env, trigger.keys);
      if (result.kind === "over_quota") throw new RunQuotaExceeded(limits.runsPerMonth);
      if (result.kind === "rate_limited") throw new DeliveryRateLimited(result.retryAfterSeconds);
      started.push({ run: result.run, created: result.kind === "created", shard });
    }
  } finally {
    const messages = started
      .filter((s) => s.created)
      .map((s) => ({ body: runMessage(scope.workspaceId, s.run.id, s.shard, options.runnable?.version === s.run.bundleVersion ? options.runnable : undefined) }));
    const sent = sendRunMessages(env, messages);
    if (options.waitUntil) options.waitUntil(sent);
    else await sent;
  }
  return started;
}

/** Hands runs to the executor; a failed send is not fatal: the ledger's sweep re-sends the run. */
async function sendRunMessages(env: Env, messages: Array<{ body: RunMessage }>) {
  try {
    // A single run's message goes by send(): the local queue simulator reads a sendBatch as
    // base64 JSON checked by a schema, a send as the message's bytes (miniflare's broker).
    if (messages.length === 1) await env.RUN_QUEUE.send(messages[0].body);
    else for (let i = 0; i < messages.length; i += 100) await env.RUN_QUEUE.sendBatch(messages.slice(i, i + 100));
  } catch (err) {
    logEvent("warn", "run.messages_not_sent", { runs: messages.map((m) => m.body.runId), note: "the ledger's sweep re-sends them", ...errorFields(err) });
  }
}
