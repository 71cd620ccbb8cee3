// The Cron Trigger, fired with a chosen time, and the Sheets polls it hands to the polls queue.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Env } from "../../../worker/env";
import worker from "../../../worker/index";

/** One tick of the Cron Trigger at `at`, with the Worker's env or `e`; returns when its work is done. */
export async function tick(at: number | Date, e: Env = env) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at).getTime(), cron: "* * * * *" }), e, ctx);
  await waitOnExecutionContext(ctx);
}

/** When the cron next starts (or polls for) the bundle; null while it is off. */
export async function nextRunAt(bundleId: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT next_run_at FROM bundle WHERE id = ?").bind(bundleId).first<{ next_run_at: number | null }>();
  return row?.next_run_at ?? null;
}

/**
 * A tick that polls a Sheets bundle: returns once the queued poll has written the bundle's cursor.
 * No deadline of its own: how long a poll of many rows takes depends on the machine's load, and
 * a poll that never comes is reported by the test's timeout.
 */
export async function tickAndPoll(at: number | Date, bundleId: string) {
  const before = Date.now();
  await tick(at);
  for (;;) {
    const row = await env.DB.prepare("SELECT updated_at FROM trigger_cursor WHERE bundle_id = ?").bind(bundleId).first<{ updated_at: number }>();
    if (row && row.updated_at >= before) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
