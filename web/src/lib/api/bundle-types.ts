// The bundles area of the API as the dashboard sees it: the list, a bundle with its bundle/1
// document, versions, runs, test results and the connector catalogue (GET /apps).
import type { Timestamp } from "./types.ts";
import type { RunStatus } from "./run-types.ts";

// Runs as the editor follows them are the runs API's own shapes.
export type { RunDetail, RunStatus, StepLog } from "./run-types.ts";

// The document itself is typed by the one schema the Worker validates with (type-only import:
// no zod in the bundle for these).
export type {
  Bundle as BundleDocument,
  Trigger,
  Schedule,
  Step,
  ActionStep,
  RouterStep,
  IfStep,
  FilterStep,
  StopStep,
  Condition,
  Comparison,
} from "../../../../worker/flow/bundle-schema.ts";

export const FINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set(["success", "failed", "stopped", "filtered"]);

export interface BundleListItem {
  id: string;
  name: string;
  enabled: boolean;
  version: number;
  paused_reason: string | null;
  trigger: { app: string; event: string };
  webhook_url: string | null;
  next_run_at: Timestamp | null;
  updated_at: Timestamp;
  last_run: { id: string; status: RunStatus; started_at: Timestamp } | null;
  runs_today: number;
}

export interface BundleDetail extends Omit<BundleListItem, "last_run" | "runs_today"> {
  document: import("../../../../worker/flow/bundle-schema.ts").Bundle;
  test_data: unknown;
  created_at: Timestamp;
}

export interface BundleVersion {
  version: number;
  created_at: Timestamp;
  created_by: string | null;
}

/** POST /bundles/:id/steps/:step_id/test (secrets redacted by the API). */
export interface StepTestResult {
  input: Record<string, unknown> | null;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown } | null;
  response: { status: number; body: unknown } | null;
  output: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
}

export interface Connection {
  id: string;
  app: string;
  name: string;
  status: string;
}

/** Text in both languages, as every connector declares it. */
export interface Label {
  en: string;
  ru: string;
}

/** The JSON Schema subset the catalogue uses, with the connector's bilingual labels. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  title?: string;
  description?: string;
  format?: string;
  "x-label"?: Label;
  "x-help"?: Label;
}

export interface CatalogueTrigger {
  event: string;
  label: Label;
  help: Label;
  kind: "instant" | "polling" | "schedule" | "chained" | "manual";
  needs_connection: boolean;
  options: JsonSchema | null;
  output: JsonSchema | null;
}

export interface CatalogueAction {
  action: string;
  label: Label;
  help: Label;
  input: JsonSchema;
  output: JsonSchema;
  supports_dedup: boolean;
  /** Match key → input field, for the dedup settings. */
  dedup_keys: Record<string, string> | null;
}

export interface CatalogueApp {
  app: string;
  label: Label;
  help: Label;
  connection: { schema: JsonSchema } | null;
  triggers: CatalogueTrigger[];
  actions: CatalogueAction[];
}
