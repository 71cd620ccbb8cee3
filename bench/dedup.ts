// Dedup (issues 5 and 10): an amoCRM "create contact" step with dedup on phone, then email.
// - contention: 200 deliveries over 20 people, each written several ways, all in flight at
//   once; the amoCRM double must end up holding exactly 20 contacts;
// - distinct vs same: 40 deliveries of 40 people against 40 of one person, runs/s;
// - lease overhead: the step's duration with dedup against the same step without, one run at a time.
import { Api } from "./lib/api.ts";
import { person, runTag, writtenAs, type Lead } from "./lib/contacts.ts";
import { admin, doubleUrl, type BenchContext } from "./lib/context.ts";
import { httpMs, runBurst, runOneAtATime, stepLogs, type Run } from "./lib/runs.ts";
import { percentile, round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";

const BENCH = "Dedup";
const DEDUP = { match: [["phone"], ["email"]], mode: "update_or_create" };
/** One run at a time, slow enough that amoCRM's 7 requests/s never makes a step wait. */
const PACE_MS = 500;

async function contactBundle(api: Api, amo: string, dedup: boolean) {
  return api.enabledBundle({
    name: dedup ? "Lead → contact, never twice" : "Lead → contact",
    trigger: { id: "lead", app: "webhook", event: "catch" },
    steps: [
      {
        id: "contact",
        kind: "action",
        app: "amocrm",
        action: "create_contact",
        connection: amo,
        input: { name: "{{lead.name}}", phone: "{{lead.phone}}", email: "{{lead.email}}" },
        ...(dedup ? { dedup: DEDUP } : {}),
        // a lead that waits over a minute for its lease fails with a retryable error
        retry: { attempts: 6, backoff_seconds: 1 },
      },
    ],
  });
}

/** p50 of the contact step's duration over runs one at a time: the whole step, and its time outside HTTP. */
async function stepTimes(api: Api, bundle: { id: string; hookUrl: string }, leads: Lead[]) {
  const total: number[] = [];
  const outsideHttp: number[] = [];
  for (const { run } of await runOneAtATime(api, bundle, leads, PACE_MS)) {
    const step = (await stepLogs(api, run.id)).find((s) => s.id === "contact" && s.status === "ok")!;
    total.push(step.duration_ms);
    outsideHttp.push(step.duration_ms - httpMs(step));
  }
  return { total: percentile(total, 50), outsideHttp: percentile(outsideHttp, 50) };
}

/** amoCRM's own rate for one account; the connector's limiter keeps every workspace to it. */
const AMOCRM_REQUESTS_PER_SECOND = 7;

async function amocrmState(ctx: BenchContext) {
  const state = (await admin(ctx, "amocrm.fake", "state")) as { contacts: unknown[]; requests: Record<string, number> };
  return { contacts: state.contacts.length, requests: Object.values(state.requests).reduce((sum, n) => sum + n, 0) };
}

export async function dedup(ctx: BenchContext): Promise<Row[]> {
  await admin(ctx, "amocrm.fake", "reset", {});
  await admin(ctx, "amocrm.fake", "knobs", { rps: 1_000_000 });
  const api = await Api.signUp(ctx.svyazka.url, "dedup");
  const amo = await api.connection("amocrm", { base_url: doubleUrl(ctx, "amocrm.fake"), access_token: "test-token" });
  const tag = runTag();

  const people = Array.from({ length: 20 }, (_, i) => person(i, tag));
  const deliveries = Array.from({ length: 200 }, (_, j) => writtenAs(people[j % 20], Math.floor(j / 20)));
  const contention = await runBurst(api, await contactBundle(api, amo, true), deliveries, 50);
  // Every API request the 200 runs sent (searches, creates, updates): the bound amoCRM's rate
  // puts on these runs is that rate over the requests a run needs.
  const { contacts, requests } = await amocrmState(ctx);
  const boundRunsPerSecond = AMOCRM_REQUESTS_PER_SECOND / (requests / deliveries.length);

  await admin(ctx, "amocrm.fake", "reset", {});
  await admin(ctx, "amocrm.fake", "knobs", { rps: 1_000_000 });
  const distinct = await runBurst(api, await contactBundle(api, amo, true), Array.from({ length: 40 }, (_, i) => person(100 + i, tag)), 40);
  const one = person(200, tag);
  const same = await runBurst(api, await contactBundle(api, amo, true), Array.from({ length: 40 }, (_, k) => writtenAs(one, k)), 40);

  const withDedup = await stepTimes(api, await contactBundle(api, amo, true), Array.from({ length: 20 }, (_, i) => person(300 + i, tag)));
  const without = await stepTimes(api, await contactBundle(api, amo, false), Array.from({ length: 20 }, (_, i) => person(400 + i, tag)));

  const failedNote = (failed: Run[]) => (failed.length ? `${failed.length} runs did not succeed; first: ${failed[0].error}` : "every run succeeded");
  return [
    { bench: BENCH, metric: "200 deliveries over 20 contacts, 50 in flight", value: `${round(contention.runsPerSecond)} runs/s`, note: `${failedNote(contention.failed)}; amoCRM's 7 requests/s per account applies` },
    { bench: BENCH, metric: "contacts in the amoCRM double after them", value: String(contacts), note: `must be 20: ${contacts === 20 ? "yes" : "NO"}` },
    { bench: BENCH, metric: "amoCRM requests for those 200 runs", value: String(requests), note: `${round(requests / deliveries.length)} a run: at amoCRM's ${AMOCRM_REQUESTS_PER_SECOND} requests/s these runs can go at most ${round(boundRunsPerSecond)} runs/s` },
    { bench: BENCH, metric: "40 distinct contacts at once", value: `${round(distinct.runsPerSecond)} runs/s`, note: failedNote(distinct.failed) },
    { bench: BENCH, metric: "40 deliveries of the same contact at once", value: `${round(same.runsPerSecond)} runs/s`, note: `${failedNote(same.failed)}; ${round(same.runsPerSecond / distinct.runsPerSecond)} × distinct` },
    { bench: BENCH, metric: "create-contact step with dedup / without (p50, one run at a time)", value: round(withDedup.total / without.total), note: `${round(withDedup.total)} ms vs ${round(without.total)} ms; dedup adds the searches before the create` },
    { bench: BENCH, metric: "lease + memory overhead per step (time outside HTTP, p50)", value: `${round(withDedup.outsideHttp - without.outsideHttp)} ms`, note: `${round(withDedup.outsideHttp)} ms with dedup vs ${round(without.outsideHttp)} ms without` },
  ];
}
