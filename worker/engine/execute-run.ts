// Executes one run, as the runs queue's consumer hands it over: take it in the ledger (the
// shard the message names) under a lease, replay what the ledger recorded, run the remaining
// steps (each step's result recorded before the next starts; the last one's with the finish),
// finish it once, then settle what follows from how it ended (in the finish's own write when
// nothing does). A duplicated message finds the run held, parked or ended; a message after a
// crash resumes after the last recorded step.
import { getRunnableVersion, type RunnableVersion } from "../../db/queries/bundles";
import { openWorkspaceScope, type WorkspaceScope } from "../../db/queries/workspace-scope";
import { database } from "../../db/client";
import type { FinishOptions, TakeOutcome } from "../../db/ledger/queries/execution";
import type { RunRow } from "../../db/ledger/queries/runs";
import type { RunStatus } from "../../db/ledger/run-status";
import { evaluateCondition, type Bundle } from "../flow";
import type { Env } from "../env";
import { appUrl } from "../links/app-url";
import { ledgerName, ledgerOf, type Ledger } from "../runs/ledger";
import { loadPayload } from "../runs/payloads";
import type { RunMessage } from "../runs/run-message";
import { makeActionAttempt, runConnections } from "./action-attempt";
import type { ConnectionLoader } from "./call-action";
import { LeaseLost, Suspend } from "./durable-step";
import { internalError } from "../observability/internal-error";
import { ledgerDurableStep, withWriteRetries } from "./ledger-durable-step";
import { secretsUnderKeys } from "../redaction/json";
import { RunState } from "./run-state";
import { settleRun } from "./settle-run";
import { actionConnectionIds, allStepIds } from "./step-ids";
import { stepLogRow } from "./step-log-row";
import type { RunnerContext } from "./runner-context";
import { runStepList } from "./step-runner";
import type { Verdict } from "./step-outcome";
import { logEvent } from "../observability/log";
import { readText, storedText, storeText, wrapText, type Text } from "../i18n";

/**
 * How long an executor holds a run without recording a step before another may take it: longer
 * than any one step takes (HTTP timeouts, dedup leases), shorter than a queue consumer may live.
 */
export const LEASE_MS = 5 * 60_000;
/** A run taken up this many times without recording a step is failed (a poison run). */
export const MAX_DELIVERIES = 10;
/** The longest a queue message can be delayed (Queues: up to 12 h); longer waits use the ledger's alarm. */
export const MAX_QUEUE_DELAY_SECONDS = 12 * 3600;

/** Done with the message, or hand it to the queue again after a delay. */
export type Execution = { kind: "done" } | { kind: "later"; delaySeconds: number };

const DONE: Execution = { kind: "done" };
const later = (ms: number): Execution => ({ kind: "later", delaySeconds: Math.max(1, Math.ceil(ms / 1000)) });

/** A run being taken under a lease: by whom, and the ledger's answer. */
export interface Taking {
  owner: string;
  outcome: Promise<TakeOutcome>;
}

/**
 * Takes runs in one ledger request per ledger (a queue batch mostly holds one workspace's runs,
 * and a request costs more than the take itself); each run's taking in the messages' order.
 */
export function takeRuns(env: Env, messages: RunMessage[]): Taking[] {
  const owners = messages.map(() => crypto.randomUUID());
  const outcomes: Array<Promise<TakeOutcome>> = [];
  const byLedger = new Map<string, number[]>();
  messages.forEach((m, i) => {
    const name = ledgerName(m.workspaceId, m.shard ?? 0);
    const group = byLedger.get(name);
    if (group) group.push(i);
    else byLedger.set(name, [i]);
  });
  for (const indexes of byLedger.values()) {
    const { workspaceId, shard } = messages[indexes[0]];
    const taken = ledgerOf(env, workspaceId, shard ?? 0).take(
      indexes.map((i) => ({ runId: messages[i].runId, owner: owners[i] })),
      LEASE_MS,
      MAX_DELIVERIES,
    );
    indexes.forEach((i, k) => (outcomes[i] = taken.then((all) => all[k])));
  }
  return messages.map((_, i) => ({ owner: owners[i], outcome: outcomes[i] }));
}

/** `taking`: the run as the caller took it with others (the queue consumer); by default taken alone. */
export async function executeRun(env: Env, message: RunMessage, taking: Taking = takeRuns(env, [message])[0]): Promise<Execution> {
  const ledger = ledgerOf(env, message.workspaceId, message.shard ?? 0);
  const { owner } = taking;
  try {
    return await execute(env, ledger, message, taking);
  } catch (err) {
    // Logged here, once, under an error id; the run keeps our words for its final reason (the
    // "exhausted" one) if it never gets further. The queue tries the message again.
    const { text } = internalError(err, `run ${message.runId}`);
    await ledger.release(message.runId, owner, storeText(text)).catch(() => {});
    throw err;
  }
}

async function execute(env: Env, ledger: Ledger, message: RunMessage, { owner, outcome }: Taking): Promise<Execution> {
  const { workspaceId, runId } = message;
  const scope = openWorkspaceScope(database(env), workspaceId);
  // The connections of the version the message carries are read meanwhile (the ledger caches them).
  const connections = runConnections(ledger);
  if (message.bundle) connections.prefetch(env, scope, actionConnectionIds((message.bundle.document as Bundle).steps ?? []));
  const taken = await outcome;
  switch (taken.state) {
    case "missing":
    case "settled":
      return DONE;
    case "busy":
      return later(taken.retryInMs);
    case "waiting":
      // Waits beyond a queue delay are woken by the ledger's alarm.
      return taken.wakeInMs > MAX_QUEUE_DELAY_SECONDS * 1000 ? DONE : later(taken.wakeInMs);
    case "finished":
      await settleRun(env, ledger, scope, taken.run, taken.streak);
      return DONE;
    case "exhausted": {
      const tries = taken.run.deliveries;
      const last = taken.run.lastError ? storedText(taken.run.lastError) : "";
      const reason = wrapText(last, (error, locale) =>
        locale === "ru" ? `Запуск остановлен из-за внутренней ошибки после ${tries} попыток${error ? `: ${error}` : "."}` : `The run stopped on an internal error after ${tries} tries${error ? `: ${error}` : "."}`,
      );
      const finished = await ledger.finish(runId, "failed", storeText(reason), []);
      // Finished by another executor meanwhile: that one settles it (alerts go once).
      if (finished?.finishedNow) await settleRun(env, ledger, scope, { ...finished.run, trigger: taken.run.trigger }, finished.streak);
      return DONE;
    }
  }
  const ended = await runSteps(env, ledger, scope, taken.run, taken.results, owner, connections, message.bundle);
  if (ended.kind === "parked") {
    return ended.wakeAt - Date.now() > MAX_QUEUE_DELAY_SECONDS * 1000 ? DONE : later(ended.wakeAt - Date.now());
  }
  if (ended.kind === "lost") return DONE;
  logEvent("info", "run.finished", { run_id: runId, workspace_id: workspaceId, bundle_id: ended.run.bundleId, status: ended.run.status, error: ended.run.error ? readText(ended.run.error, "en") : undefined });
  if (!ended.run.settled) await settleRun(env, ledger, scope, ended.run, ended.streak, ended.hasFollowers);
  return DONE;
}

/** `hasFollowers`: whether bundles run after this one, when the version was read (unknown: look). */
type Ended = { kind: "finished"; run: RunRow; streak: number; hasFollowers?: boolean } | { kind: "parked"; wakeAt: number } | { kind: "lost" };

async function runSteps(
  env: Env,
  ledger: Ledger,
  scope: WorkspaceScope,
  run: RunRow,
  recorded: Record<string, unknown>,
  owner: string,
  connections: ConnectionLoader,
  carried?: RunnableVersion,
): Promise<Ended> {
  const { workspaceId } = scope;
  const durable = ledgerDurableStep({ env, ledger, workspaceId, runId: run.id, owner, leaseMs: LEASE_MS, recorded });
  const finish = async (status: RunStatus, reason: string | Text | null, state?: RunState, hasFollowers?: boolean): Promise<Ended> => {
    // The last step's logs go with the finish, written only while this executor holds the run.
    const last = durable.takeUnwritten();
    const logs = [...last, ...(state ? state.takeLogs().map(stepLogRow) : [])];
    const options: FinishOptions = {
      heldBy: last.length ? owner : undefined,
      // Nothing to settle (no pause, no alert, no chained runs): settled in the same write.
      settle: status !== "failed" && hasFollowers === false,
    };
    const finished = await withWriteRetries(() => ledger.finish(run.id, status, reason === null ? null : storeText(reason), logs, options));
    return finished?.finishedNow ? { kind: "finished", run: { ...finished.run, trigger: run.trigger }, streak: finished.streak, hasFollowers } : { kind: "lost" };
  };
  const version = carried?.version === run.bundleVersion ? carried : await getRunnableVersion(scope, run.bundleId, run.bundleVersion);
  if (!version) {
    return finish("failed", {
      en: `Version ${run.bundleVersion} of the bundle no longer exists (the bundle was deleted).`,
      ru: `Версии ${run.bundleVersion} связки больше нет (связку удалили).`,
    });
  }
  const document = version.document as Bundle;
  const bundleUrl = appUrl(env, `/w/${workspaceId}/bundles/${run.bundleId}`);
  const trigger = await loadPayload(env, run.trigger ?? {});
  const state = new RunState(document.trigger.id, trigger, {
    run: { id: run.id, url: appUrl(env, `/w/${workspaceId}/runs/${run.id}`), started_at: (run.startedAt ?? run.createdAt).toISOString() },
    bundle: { id: run.bundleId, name: version.name, url: bundleUrl },
  });
  const ctx: RunnerContext = {
    state,
    durable,
    attemptAction: makeActionAttempt(env, scope, connections, secretsUnderKeys(trigger)),
    reused: new Map(Object.entries(await reusedOutputs(ledger, run))),
    now: () => Date.now(),
  };
  let verdict: Verdict;
  try {
    verdict =
      document.trigger.filter && !evaluateCondition(document.trigger.filter, state.scope())
        ? { kind: "end", status: "filtered", reason: { en: "The trigger's filter did not pass.", ru: "Фильтр триггера не пропустил запуск." } }
        : await runStepList(document.steps, ctx);
  } catch (err) {
    if (err instanceof LeaseLost) return { kind: "lost" };
    if (!(err instanceof Suspend)) {
      // What the last step did is recorded before the executor lets go of the run, so it is not done again.
      await durable.flush().catch(() => {});
      throw err;
    }
    const byAlarm = err.wakeAt - Date.now() > MAX_QUEUE_DELAY_SECONDS * 1000;
    const held = await ledger.suspend(run.id, owner, err.name, err.wakeAt, byAlarm, state.takeLogs().map(stepLogRow));
    return held ? { kind: "parked", wakeAt: err.wakeAt } : { kind: "lost" };
  }
  state.markSkipped(allStepIds(document.steps), Date.now());
  const status = verdict.kind === "end" ? verdict.status : "success";
  return finish(status, verdict.kind === "end" ? verdict.reason : null, state, version.hasFollowers);
}

/** Step id → output, for the steps that succeeded in the run this one retries from its failed step. */
async function reusedOutputs(ledger: Ledger, run: RunRow): Promise<Record<string, Record<string, unknown>>> {
  if (!run.retryOf || run.retryFrom !== "failed_step") return {};
  const reused: Record<string, Record<string, unknown>> = {};
  for (const log of await ledger.stepLogs(run.retryOf)) {
    if (log.status === "ok" && log.output && typeof log.output === "object" && !("$truncated" in log.output)) {
      reused[log.stepId] = log.output as Record<string, unknown>;
    }
  }
  return reused;
}
