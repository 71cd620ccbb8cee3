// The triggers of the spec table, used when the validator has no catalogue (the dashboard)
// and for platform triggers the connector catalogue does not list (webhook.catch).
import { z } from "zod";

export interface TriggerInfo {
  options?: z.ZodType;
  supportsSchedule: boolean;
  needsConnection: boolean;
}

export const BUILTIN_TRIGGERS: Readonly<Record<string, TriggerInfo>> = {
  "webhook.catch": {
    options: z.strictObject({
      /** "ok" (default) or a template answered to the caller. */
      respond: z.string().optional(),
      /** A template; events with the same rendered key within `dedupe_hours` run once. */
      dedupe_key: z.string().optional(),
      dedupe_hours: z.number().positive().max(24 * 30).optional(),
    }),
    supportsSchedule: false,
    needsConnection: false,
  },
  "vk.lead_form": {
    options: z.strictObject({ group_id: z.union([z.string().min(1), z.int().positive()]).optional() }),
    supportsSchedule: false,
    needsConnection: true,
  },
  "google_sheets.new_rows": {
    options: z.strictObject({
      spreadsheet_id: z.string().min(1),
      sheet: z.string().min(1),
      header_row: z.int().min(1).optional(),
      /** The header of the column that identifies a row; without it, the row's content does. */
      key_column: z.string().trim().min(1).optional(),
      mode: z.enum(["new", "new_or_updated"]).optional(),
      /** "new_or_updated": the headers whose changes run a row again (default: all). */
      watch_columns: z.array(z.string().trim().min(1)).min(1).optional(),
    }),
    supportsSchedule: true,
    needsConnection: true,
  },
  "schedule.tick": { options: z.strictObject({}), supportsSchedule: true, needsConnection: false },
  "bundle.finished": {
    options: z.strictObject({ bundle: z.string().min(1), status: z.enum(["any", "success", "failed"]).optional() }),
    supportsSchedule: false,
    needsConnection: false,
  },
  "manual.run": { options: z.strictObject({ sample: z.unknown().optional() }), supportsSchedule: false, needsConnection: false },
};

/** Option fields that hold templates rendered against the trigger's own event. */
export const TEMPLATE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  "webhook.catch": ["respond", "dedupe_key"],
};

export function builtinTrigger(app: string, event: string): TriggerInfo | undefined {
  const key = `${app}.${event}`;
  return Object.hasOwn(BUILTIN_TRIGGERS, key) ? BUILTIN_TRIGGERS[key] : undefined;
}
