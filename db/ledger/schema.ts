// The run ledger's tables: one SQLite database per workspace, inside its RunLedger Durable
// Object (worker/runs/ledger-object.ts). Runs, the recorded result of every durable step, the
// step logs users read, the month's run count and the R2 objects that hold large payloads.
// No workspace_id column: the whole database belongs to one workspace.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { compressedJson } from "./columns/compressed-json";
import { RUN_STATUSES, STEP_STATUSES } from "./run-status";

const at = (name: string) => integer(name, { mode: "timestamp_ms" });

/** A run of a bundle. `eventKey` is unique per bundle: one event never starts two runs. */
export const run = sqliteTable(
  "run",
  {
    id: text("id").primaryKey(),
    bundleId: text("bundle_id").notNull(),
    bundleVersion: integer("bundle_version").notNull(),
    /** queued → running → success | failed | stopped | filtered */
    status: text("status", { enum: RUN_STATUSES }).notNull().default("queued"),
    eventKey: text("event_key").notNull(),
    /** The trigger's output (or a reference to it in R2, worker/runs/payloads.ts), compressed when long. */
    trigger: compressedJson("trigger"),
    error: text("error"),
    retryOf: text("retry_of"),
    retryFrom: text("retry_from"),
    notifiedAt: at("notified_at"),
    createdAt: at("created_at").notNull(),
    startedAt: at("started_at"),
    finishedAt: at("finished_at"),
    /** The executor that holds the run, and until when; another delivery waits for it. */
    leaseOwner: text("lease_owner"),
    leaseUntil: integer("lease_until").notNull().default(0),
    /** A run waiting out a backoff or a Retry-After: when it resumes. */
    wakeAt: integer("wake_at"),
    /** The wait is longer than a queue message can be delayed: the object's alarm resumes it. */
    wakeByAlarm: integer("wake_by_alarm", { mode: "boolean" }).notNull().default(false),
    /** How many times an executor took the run up since it last made progress (a poison run ends after a bound). */
    deliveries: integer("deliveries").notNull().default(0),
    /** The last internal error an executor hit on this run, for the run's final reason. */
    lastError: text("last_error"),
    /** When the run was last handed to the queue or took a step: the sweeper's clock. */
    touchedAt: integer("touched_at").notNull(),
    /** The effects of finishing (failure streak, alert, chained runs) are done. */
    settled: integer("settled", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    uniqueIndex("run_bundle_event_idx").on(t.bundleId, t.eventKey),
    index("run_created_idx").on(t.createdAt),
    index("run_bundle_created_idx").on(t.bundleId, t.createdAt),
    index("run_status_created_idx").on(t.status, t.createdAt),
    index("run_unsettled_idx").on(t.settled, t.touchedAt),
  ],
);

/** The recorded result of one durable step of a run ("load", "<step>#<attempt>", sleeps). */
export const stepResult = sqliteTable(
  "step_result",
  {
    runId: text("run_id").notNull(),
    name: text("name").notNull(),
    value: text("value", { mode: "json" }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.name] })],
);

/** One attempt of one step of a run: rendered input, output, error, timing; the JSON compressed when long. */
export const stepLog = sqliteTable(
  "step_log",
  {
    runId: text("run_id").notNull(),
    stepId: text("step_id").notNull(),
    attempt: integer("attempt").notNull(),
    /** Order of first execution within the run, for display. */
    seq: integer("seq").notNull(),
    status: text("status", { enum: STEP_STATUSES }).notNull(),
    input: compressedJson("input"),
    output: compressedJson("output"),
    error: text("error"),
    notes: compressedJson("notes"),
    startedAt: at("started_at").notNull(),
    durationMs: integer("duration_ms").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId, t.attempt] })],
);

/** Runs started per UTC month ("2026-12"): the runs quota, checked and counted in one place. */
export const usage = sqliteTable("usage", {
  month: text("month").primaryKey(),
  runs: integer("runs").notNull().default(0),
  /** The count last copied to D1's workspace_usage (the control plane's view). */
  flushedRuns: integer("flushed_runs").notNull().default(0),
});

/** An R2 object holding one of a run's large payloads; deleted with the run. */
export const payload = sqliteTable(
  "payload",
  {
    key: text("key").primaryKey(),
    runId: text("run_id").notNull(),
  },
  (t) => [index("payload_run_idx").on(t.runId)],
);

/** Small facts about this ledger: its workspace id, when retention last ran. */
export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * A sheet row a Sheets trigger has already handled (worker/schedule/poll-sheet.ts), by its
 * identity (a hash of the sheet and the row's key cell or content): a row whose identity is here
 * never starts a run again, wherever it moves in the sheet. `watched` is the hash of the watched
 * columns ("new or updated rows") and `revision` counts the changes run so far. `seenAt`: the last
 * time a read found the row in the sheet; rows gone longer than the retention are forgotten.
 */
export const sheetRow = sqliteTable(
  "sheet_row",
  {
    bundleId: text("bundle_id").notNull(),
    identity: text("identity").notNull(),
    watched: text("watched"),
    revision: integer("revision").notNull().default(0),
    seenAt: integer("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.identity] }), index("sheet_row_seen_idx").on(t.bundleId, t.seenAt)],
);

/**
 * How many of a bundle's runs in a row ended failed, counted as this ledger finishes them (in
 * finishing order, in the finish's own write); a run that ends any other way deletes the row.
 * Enabling the bundle clears it, and so does retention once none of the bundle's runs is kept.
 * The auto-pause and the alert's "N failed runs in a row" read it.
 */
export const failureStreak = sqliteTable("failure_streak", {
  bundleId: text("bundle_id").primaryKey(),
  failures: integer("failures").notNull(),
});
