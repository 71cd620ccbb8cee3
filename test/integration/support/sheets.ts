// A spreadsheet in the Sheets double, a workspace connection to it, and a `new_rows` bundle
// (with trigger options such as key_column or mode); people editing its rows anywhere.
// Each workspace's token has its own Google user, so one test's reads do not use up another's
// per-user read quota.
import { env } from "cloudflare:workers";
import { createBundle, enableBundle } from "./bundles";
import { createConnection } from "./connections";
import { admin } from "./fakes";
import { nextRunAt, tickAndPoll } from "./cron";
import type { Caller } from "./workspace";

const SHEETS = "http://sheets.fake";

export async function sheetBundle(u: Caller, rows: string[][], extra: Record<string, unknown> = {}, triggerOptions: Record<string, unknown> = {}) {
  const { id: spreadsheetId } = await admin(SHEETS, "spreadsheets", { sheets: { Orders: rows } });
  const { access_token } = await admin("http://oauth2.fake", "access-token", { scope: "https://www.googleapis.com/auth/spreadsheets", subject: u.workspaceId });
  const connection = await createConnection(u, "google_sheets", "Sheets", { access_token, base_url: SHEETS });
  const document = {
    format: "bundle/1",
    name: "New orders",
    trigger: { id: "row", app: "google_sheets", event: "new_rows", connection, options: { spreadsheet_id: spreadsheetId, sheet: "Orders", ...triggerOptions }, schedule: { every_minutes: 5 } },
    steps: [{ id: "s", kind: "stop", reason: "{{row.title}}" }],
    ...extra,
  };
  const id = await createBundle(u, document);
  const addRows = (added: string[][]) => admin(SHEETS, "rows", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: added });
  /** A person editing the sheet anywhere: its rows (header included) become `edited`. */
  const editRows = (edited: string[][]) => admin(SHEETS, "sheet", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: edited });
  const rowsNow = async (): Promise<string[][]> => (await admin(SHEETS, "state")).spreadsheets[spreadsheetId].Orders;
  /** API calls and rows read so far on this spreadsheet. */
  const reads = async (): Promise<{ calls: number; rows: number }> => (await admin(SHEETS, "state")).reads[spreadsheetId] ?? { calls: 0, rows: 0 };
  return { id, document, spreadsheetId, addRows, editRows, rowsNow, reads };
}

/** An enabled sheet bundle whose first tick has primed the cursor: the rows there now never run. */
export async function primedSheetBundle(u: Caller, rows: string[][], triggerOptions: Record<string, unknown> = {}) {
  const sheet = await sheetBundle(u, rows, {}, triggerOptions);
  await enableBundle(u, sheet.id);
  await tickAndPoll((await nextRunAt(sheet.id))!, sheet.id);
  return sheet;
}

/** The bundle's poll cursor ({row}: the last row read), or null before the first poll and after a reset. */
export async function storedCursor(bundleId: string): Promise<{ row: number } | null> {
  const row = await env.DB.prepare("SELECT cursor FROM trigger_cursor WHERE bundle_id = ?").bind(bundleId).first<{ cursor: string }>();
  return row ? JSON.parse(row.cursor) : null;
}

/** The Sheets double fails (with `status`) the read after its next `reads` ones. */
export async function failSheetReadAfter(reads: number, status = 500) {
  await admin(SHEETS, "knobs", { failReadAfter: { reads, status } });
}

/** The Sheets double answers its next `count` reads with `status` (and a Retry-After when given). */
export async function failNextSheetReads(failNext: { count: number; status: number; retryAfter?: number }) {
  await admin(SHEETS, "knobs", { failNext });
}
