// The API's shapes as the dashboard sees them. What it answers comes from the Worker's own
// response schemas (worker/routes/schemas/, z.infer), so an answer the dashboard no longer
// matches fails `npm run typecheck`. Type-only imports: nothing of the Worker reaches the
// bundle. Only what the dashboard sends is written here.

import type { RunStatus } from "../../../../db/ledger/run-status.ts";

export type { Role } from "../../../../worker/auth/role-names.ts";
export type { RunStatus, StepStatus } from "../../../../db/ledger/run-status.ts";

// The bundle/1 document, typed by the one schema the Worker validates it with.
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
  Comparison
} from "../../../../worker/flow/bundle-schema.ts";

export type { Label } from "../../../../worker/connectors/types.ts";
export type {
  Catalogue,
  CatalogueAction,
  CatalogueApp,
  CatalogueTrigger,
  JsonSchema
} from "../../../../worker/connectors/catalogue-app.ts";

export type { ApiKey, ApiKeyList, CreatedApiKey } from "../../../../worker/routes/schemas/api-keys.ts";
export type { AuditEvent, AuditPage } from "../../../../worker/routes/schemas/audit.ts";
export type { LoginResult, SignupResult } from "../../../../worker/routes/schemas/auth.ts";
export type { StepTest } from "../../../../worker/routes/schemas/bundle-step-test.ts";
export type { LoadedTestData } from "../../../../worker/routes/schemas/bundle-trigger.ts";
export type {
  BundleDetail,
  BundleList,
  BundleListItem,
  BundleRef,
  BundleSummary,
  BundleVersion,
  BundleVersionList,
  CreatedBundle,
  VersionDocument
} from "../../../../worker/routes/schemas/bundles.ts";
export type { BundleTemplate, BundleTemplateList } from "../../../../worker/routes/schemas/bundle-templates.ts";
export type {
  Connection,
  ConnectionList,
  ConnectionTest,
  OAuthStart,
  TelegramLink
} from "../../../../worker/routes/schemas/connections.ts";
export type { Member, MemberList } from "../../../../worker/routes/schemas/members.ts";
export type { Quotas } from "../../../../worker/routes/schemas/quotas.ts";
export type {
  ForcedRun,
  HourBucket,
  RetriedRun,
  RetriedRuns,
  Run,
  RunDetail,
  RunPage,
  RunStats,
  SheetSync,
  StepLog
} from "../../../../worker/routes/schemas/runs.ts";
export type { NextRuns } from "../../../../worker/routes/schemas/schedule-preview.ts";
export type { WorkspaceSettings } from "../../../../worker/routes/schemas/settings.ts";
export type { CreatedShare, PublicShare, ShareLink, ShareList } from "../../../../worker/routes/schemas/shares.ts";
export type { Me, PendingInvitation, WorkspaceSummary } from "../../../../worker/routes/schemas/workspaces.ts";

export interface SignupInput {
  email: string;
  password: string;
  workspace_name: string;
  name?: string;
}

export interface LoginInput {
  email: string;
  password: string;
}

/** Where a retry starts: the step that failed (reusing what succeeded) or the trigger. */
export type RetryFrom = "failed_step" | "start";

/** GET /runs's filters. */
export interface RunFilter {
  bundle_id?: string;
  status?: RunStatus;
  /** ISO date-times: created at or after `from`, before `to`. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface NewShare {
  expires_at: string | null;
  embed: { frame_ancestors: "*" | string[]; show_runs: number };
}
