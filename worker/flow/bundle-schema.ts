// The bundle/1 document as one zod schema, imported by the Worker and the dashboard. It fixes
// the shape only; cross-references, templates and catalogue checks live in validate.ts.
import { z } from "zod";

export const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const CONDITION_OPS = [
  "eq", "ne", "empty", "not_empty", "contains", "not_contains", "starts_with", "ends_with",
  "gt", "gte", "lt", "lte", "matches",
] as const;
/** Ops that compare `left` with nothing: `right` is not needed. */
export const UNARY_OPS: ReadonlySet<string> = new Set(["empty", "not_empty"]);
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const Id = z.string().regex(ID_PATTERN, {
  error: (issue) => `"${String(issue.input)}" is not a valid id: use lower-case Latin letters, digits and "_", start with a letter, at most 40 characters.`,
});
const Name = z.string().min(1, { error: "This field must not be empty." });
/** A string that may contain {{expressions}}; checked against the run's data in validate.ts. */
const Template = z.string();

const Comparison = z.strictObject({
  left: Template,
  op: z.enum(CONDITION_OPS),
  // Hand-written JSON often says 0 rather than "0"; both compare as the same text.
  right: z.union([Template, z.number()]).optional(),
  ci: z.boolean().optional(),
});
export type Comparison = z.infer<typeof Comparison>;
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const atLeastOne = { error: "A group needs at least one condition." };
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ all: z.array(ConditionSchema).min(1, atLeastOne) }),
      z.strictObject({ any: z.array(ConditionSchema).min(1, atLeastOne) }),
      z.strictObject({ not: ConditionSchema }),
      Comparison,
    ],
    { error: 'A condition is {"left", "op", "right"}, or a group {"all": [...]}, {"any": [...]} or {"not": {...}}.' },
  ),
);

// The platform's own Intl data, so the Worker and the browser agree on what exists.
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const TimeZone = z.string().refine(isTimeZone, { error: "Unknown time zone; use a name like Europe/Moscow or UTC." });
// Five fields of digits, names, *, /, - and ",": catches typos; worker/schedule parses it fully.
const CRON = /^\s*[\w*/,-]+(\s+[\w*/,-]+){4}\s*$/;

export const ScheduleSchema = z.union(
  [
    z.strictObject({ every_minutes: z.int().min(1).max(7 * 24 * 60) }),
    z.strictObject({
      at: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'A time is written "HH:MM", e.g. "09:00".' })).min(1),
      days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
      timezone: TimeZone,
    }),
    z.strictObject({
      cron: z.string().regex(CRON, { error: 'A cron expression has five fields, e.g. "*/15 * * * *".' }),
      timezone: TimeZone.optional(),
    }),
  ],
  { error: 'A schedule is {"every_minutes": 5}, {"at": ["09:00"], "timezone": "Europe/Moscow"} or {"cron": "*/15 * * * *"}.' },
);

export const TriggerSchema = z.strictObject({
  id: Id,
  app: Name,
  event: Name,
  connection: Name.optional(),
  // Generic here so connectors can add triggers; per-trigger options are checked in
  // validate.ts against the catalogue (or the spec's table in trigger-options.ts).
  options: z.record(z.string(), z.unknown()).optional(),
  schedule: ScheduleSchema.optional(),
  filter: ConditionSchema.optional(),
});

export const DEDUP_MODES = ["create_always", "skip_if_exists", "update_or_create", "update_only"] as const;

const DedupSchema = z.strictObject({
  /** Key sets tried in order; all fields of one set must match (AND); the first set that finds a record wins. */
  match: z.array(z.array(Name).min(1)).min(1),
  mode: z.enum(DEDUP_MODES),
  /** Fields written onto a found record; absent = every mapped field that is not empty. */
  update: z.array(Name).optional(),
});

export const ActionStepSchema = z.strictObject({
  id: Id,
  kind: z.literal("action"),
  app: Name,
  action: Name,
  /** Absent for actions that need no account. */
  connection: Name.optional(),
  // Values are templates, or literals and nested objects/lists of them; the catalogue's
  // input schema checks keys only, since value types are known only after rendering.
  input: z.record(z.string(), z.unknown()).optional(),
  on_error: z.enum(["stop", "continue"]).optional(),
  retry: z
    .strictObject({ attempts: z.int().min(1).max(10).optional(), backoff_seconds: z.number().min(0).max(3600).optional() })
    .optional(),
  dedup: DedupSchema.optional(),
});

export const RouterStepSchema = z.strictObject({
  id: Id,
  kind: z.literal("router"),
  routes: z.array(z.strictObject({ when: ConditionSchema, goto: Id })).min(1, { error: "A router needs at least one route." }),
  /** A step id ahead in the same list, or "stop" to end the run. */
  otherwise: Id,
});

export const FilterStepSchema = z.strictObject({ id: Id, kind: z.literal("filter"), when: ConditionSchema });

export const StopStepSchema = z.strictObject({
  id: Id,
  kind: z.literal("stop"),
  status: z.enum(["success", "failed"]).optional(),
  reason: Template.optional(),
});

// Getters make the nesting lazy (zod 4's way of writing recursive objects).
export const IfStepSchema = z.strictObject({
  id: Id,
  kind: z.literal("if"),
  when: ConditionSchema,
  get then(): z.ZodArray<typeof StepSchema> {
    return z.array(StepSchema);
  },
  get else(): z.ZodOptional<z.ZodArray<typeof StepSchema>> {
    return z.array(StepSchema).optional();
  },
});

export const StepSchema = z.discriminatedUnion("kind", [
  ActionStepSchema,
  RouterStepSchema,
  IfStepSchema,
  FilterStepSchema,
  StopStepSchema,
]);

export const SettingsSchema = z.strictObject({
  /** A Telegram chat told about failed runs, through a Telegram connection of the workspace. */
  notify_on_failure: z.strictObject({ connection: Name, chat_id: Name }).optional(),
  /** Pause the bundle after this many failed runs in a row. */
  pause_after_failures: z.int().min(1).optional(),
});

export const BundleSchema = z.strictObject({
  format: z.literal("bundle/1"),
  name: z.string().refine((s) => s.trim() !== "", { error: "A bundle needs a name." }).max(200),
  trigger: TriggerSchema,
  steps: z.array(StepSchema),
  settings: SettingsSchema.optional(),
});

export type Bundle = z.infer<typeof BundleSchema>;
export type Trigger = z.infer<typeof TriggerSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type Step = z.infer<typeof StepSchema>;
export type ActionStep = z.infer<typeof ActionStepSchema>;
export type RouterStep = z.infer<typeof RouterStepSchema>;
export type IfStep = z.infer<typeof IfStepSchema>;
export type FilterStep = z.infer<typeof FilterStepSchema>;
export type StopStep = z.infer<typeof StopStepSchema>;
