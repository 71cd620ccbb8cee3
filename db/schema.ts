// The D1 schema. Auth tables follow better-auth's model (user, session, account,
// verification, and the organization plugin's organization/member/invitation): a
// workspace is a better-auth organization. Every tenant-owned table carries
// workspace_id and is reached through db/queries/workspace.ts.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const user = sqliteTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const session = sqliteTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    activeOrganizationId: text("active_organization_id"),
  },
  (t) => [index("session_user_idx").on(t.userId), index("session_expires_idx").on(t.expiresAt)],
);

export const account = sqliteTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

export const verification = sqliteTable("verification", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A workspace (better-auth "organization"). */
export const organization = sqliteTable("organization", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  logo: text("logo"),
  metadata: text("metadata"),
  createdAt: createdAt(),
});

/** The owning workspace of a tenant row; deleting the workspace deletes the row. */
const workspaceIdColumn = () =>
  text("workspace_id")
    .notNull()
    .references(() => organization.id, { onDelete: "cascade" });

/** Membership of a user in a workspace, with a role: owner, admin, editor or viewer. */
export const member = sqliteTable(
  "member",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("member_org_user_idx").on(t.organizationId, t.userId), index("member_user_idx").on(t.userId)],
);

/** A pending invitation: the invited email joins the workspace when it signs up. */
export const invitation = sqliteTable(
  "invitation",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role"),
    status: text("status").notNull().default("pending"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitation_email_idx").on(t.email), index("invitation_org_idx").on(t.organizationId)],
);

/** Workspace API keys: only a SHA-256 hash and a display prefix are stored. */
export const apiKey = sqliteTable(
  "api_key",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceIdColumn(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    role: text("role").notNull(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_key_workspace_idx").on(t.workspaceId)],
);

/** Bundles (trigger + steps). `document` is the current bundle/1 JSON; versions keep history. */
export const bundle = sqliteTable(
  "bundle",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceIdColumn(),
    name: text("name").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull().default(1),
    document: text("document", { mode: "json" }).notNull(),
    /** Why the bundle was paused automatically (e.g. N failed runs in a row); null when not paused. */
    pausedReason: text("paused_reason"),
    /** The secret part of the bundle's public webhook URL (/hooks/:token); rotatable. */
    webhookToken: text("webhook_token").notNull().unique(),
    /** When the cron should next poll or tick this bundle (enabled schedule/polling triggers only). */
    nextRunAt: integer("next_run_at", { mode: "timestamp_ms" }),
    /** Stored test data: what "run with test data" sends when no payload is given. */
    testData: text("test_data", { mode: "json" }),
    /**
     * The bundle this one runs after (a `bundle.finished` trigger's `options.bundle`), copied
     * from the document on every save: followers are found by index, never by parsing
     * documents (decision 0022).
     */
    followsBundleId: text("follows_bundle_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("bundle_workspace_idx").on(t.workspaceId, t.updatedAt),
    index("bundle_next_run_idx").on(t.nextRunAt),
    index("bundle_follows_idx").on(t.workspaceId, t.followsBundleId),
  ],
);

/** The bundle a row belongs to; deleting the bundle deletes the row. */
const bundleIdColumn = () =>
  text("bundle_id")
    .notNull()
    .references(() => bundle.id, { onDelete: "cascade" });

/** A polling trigger's durable cursor (e.g. the last Sheets row seen). Survives edits and re-enabling. */
export const triggerCursor = sqliteTable("trigger_cursor", {
  bundleId: text("bundle_id")
    .primaryKey()
    .references(() => bundle.id, { onDelete: "cascade" }),
  workspaceId: workspaceIdColumn(),
  cursor: text("cursor", { mode: "json" }).notNull(),
  updatedAt: updatedAt(),
});

/** Every saved version of a bundle; a run records the version it ran. */
export const bundleVersion = sqliteTable(
  "bundle_version",
  {
    workspaceId: workspaceIdColumn(),
    bundleId: bundleIdColumn(),
    version: integer("version").notNull(),
    document: text("document", { mode: "json" }).notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.version] })],
);

/** A connection to an outside service; secret fields are AES-GCM encrypted, never returned. */
export const connection = sqliteTable(
  "connection",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceIdColumn(),
    app: text("app").notNull(),
    name: text("name").notNull(),
    /** Non-secret fields as JSON. */
    fields: text("fields", { mode: "json" }).notNull(),
    /** Secret fields, encrypted (security/secrets-crypto.ts). */
    secrets: text("secrets"),
    /** untested | active | inactive */
    status: text("status").notNull().default("untested"),
    statusReason: text("status_reason"),
    testedAt: integer("tested_at", { mode: "timestamp_ms" }),
    /** Who is refreshing the OAuth tokens right now, and until when (connections/refresh-lock.ts). */
    refreshLockHolder: text("refresh_lock_holder"),
    refreshLockUntil: integer("refresh_lock_until", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("connection_workspace_idx").on(t.workspaceId)],
);

/**
 * An OAuth authorization in flight (POST connections/oauth/start → the service → callback):
 * only the state's SHA-256 is kept; single use, expiring, bound to the workspace and the user
 * who started it. `fields` (client secret included) is encrypted like connection secrets.
 */
export const oauthState = sqliteTable(
  "oauth_state",
  {
    stateHash: text("state_hash").primaryKey(),
    workspaceId: workspaceIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    app: text("app").notNull(),
    name: text("name").notNull(),
    fields: text("fields").notNull(),
    redirectUri: text("redirect_uri").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("oauth_state_expires_idx").on(t.expiresAt)],
);

/** A one-time code of a t.me/<bot>?start=<code> link that links a chat to a Telegram connection (hash only). */
export const telegramLinkCode = sqliteTable(
  "telegram_link_code",
  {
    codeHash: text("code_hash").primaryKey(),
    workspaceId: workspaceIdColumn(),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connection.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("telegram_link_code_connection_idx").on(t.connectionId)],
);

/** The bot webhook of a Telegram connection: Telegram sends the secret (stored hashed) in a header. */
export const telegramHook = sqliteTable("telegram_hook", {
  connectionId: text("connection_id")
    .primaryKey()
    .references(() => connection.id, { onDelete: "cascade" }),
  workspaceId: workspaceIdColumn(),
  secretHash: text("secret_hash").notNull(),
  updatedAt: updatedAt(),
});

/** Per-workspace settings. */
export const workspaceSettings = sqliteTable("workspace_settings", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  timezone: text("timezone").notNull().default("Europe/Moscow"),
  phoneCountry: text("phone_country").notNull().default("RU"),
  logRetentionDays: integer("log_retention_days").notNull().default(30),
  /** Pause a bundle after this many failed runs in a row (0 = never). */
  pauseAfterFailures: integer("pause_after_failures").notNull().default(10),
  /** Where failed runs are reported when the bundle names no target: a Telegram connection and chat. */
  notifyConnectionId: text("notify_connection_id"),
  notifyChatId: text("notify_chat_id"),
  /** Webhook deliveries per second each bundle URL accepts (1..1000); more are answered 429. */
  hookRatePerSecond: integer("hook_rate_per_second").notNull().default(100),
  /** How many run ledgers the workspace's runs are split over, by bundle (1..64, only grows; docs/scale.md). */
  ledgerShards: integer("ledger_shards").notNull().default(1),
  /** Bundles whose runs are spread over all the shards by event instead of kept in their bundle's one (at most 64, only grows; docs/scale.md). */
  ledgerSpread: text("ledger_spread", { mode: "json" }).$type<string[]>().notNull().default([]),
  updatedAt: updatedAt(),
});

/** Who changed which bundle, connection, member, API key or setting (GET /w/:ws/audit). */
export const auditEvent = sqliteTable(
  "audit_event",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceIdColumn(),
    /** user | api_key */
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    /** The user's email or the API key's name, as it was then. */
    actorLabel: text("actor_label").notNull(),
    /** e.g. bundle.updated, member.role_changed */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** A short note without secrets: "version 3", "editor → admin". */
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_event_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/** A workspace's own limits where they differ from the deployment's defaults (null = default). */
export const workspaceQuota = sqliteTable("workspace_quota", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => organization.id, { onDelete: "cascade" }),
  runsPerMonth: integer("runs_per_month"),
  bundles: integer("bundles"),
  stepsPerRun: integer("steps_per_run"),
  updatedAt: updatedAt(),
});

/**
 * Runs started per workspace, UTC month ("2026-11") and ledger shard: the control plane's copy,
 * written by each of the workspace's run ledgers (which count and enforce them) for its own
 * shard. The workspace's month is the sum over its shards.
 */
export const workspaceUsage = sqliteTable(
  "workspace_usage",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    shard: integer("shard").notNull().default(0),
    runs: integer("runs").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.month, t.shard] })],
);

/** Small key/value facts about the deployment itself, e.g. when the cron last ticked. */
export const systemState = sqliteTable("system_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

/**
 * A share link to a read-only view of a bundle (issue 8): only the SHA-256 of the token is
 * kept. `document` is the sanitised snapshot taken at creation (connection placeholders,
 * secrets removed), so later edits to the bundle never reach an existing link.
 */
export const share = sqliteTable(
  "share",
  {
    id: text("id").primaryKey(),
    workspaceId: workspaceIdColumn(),
    bundleId: bundleIdColumn(),
    bundleVersion: integer("bundle_version").notNull(),
    name: text("name").notNull(),
    document: text("document", { mode: "json" }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, to tell links apart in the list. */
    tokenPrefix: text("token_prefix").notNull(),
    /** Who may frame /embed/:token: "*" or a JSON list of origins. */
    frameAncestors: text("frame_ancestors", { mode: "json" }).notNull(),
    /** How many recent runs (status and times only) the link shows; 0 = none. */
    showRuns: integer("show_runs").notNull().default(0),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("share_workspace_idx").on(t.workspaceId, t.createdAt)],
);
