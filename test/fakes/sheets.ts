// A double of the Google Sheets API v4 (sheets.fake) with the real one's awkward parts: A1
// ranges (`'My Sheet'!A2:F`, `1:1`, `A1` on the first sheet), ragged rows (trailing empty
// cells and rows left out, empty rows in the middle as []), `values` missing for an empty
// range, append after the table with `valueInputOption` required, Google's error shape, and
// 429 past a per-minute read quota per token owner (default 60, as Google's per-user quota).
// Tokens are those the Google OAuth double issued. Admin: POST /__admin/spreadsheets
// {id?, sheets: {Title: rows}}, POST /__admin/rows {spreadsheet_id, sheet, rows} (a person
// typing), POST /__admin/sheet {spreadsheet_id, sheet, rows} (a person editing anywhere: the
// sheet's rows become these), plus the shared state/reset/knobs (`readsPerMinute`,
// `failReadAfter: {reads, status}`: the read after the next `reads` fails, once). The state counts
// reads and rows read per spreadsheet (`reads`).
import { Hono, type Context } from "hono";
import { withAdmin } from "./admin.ts";
import { googleAccessTokens, googleTokenValid } from "./google-oauth.ts";

const SCOPES = ["https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/spreadsheets.readonly", "https://www.googleapis.com/auth/drive", "https://www.googleapis.com/auth/drive.file"];

type Rows = string[][];

const knobs: { readsPerMinute: number; failReadAfter: { reads: number; status: number } | null } = { readsPerMinute: 60, failReadAfter: null };
let spreadsheets = new Map<string, Map<string, Rows>>();
let appends: Array<{ spreadsheetId: string; range: string; valueInputOption: string; values: unknown[][] }> = [];
let reads = new Map<string, number[]>();
let readCounts = new Map<string, { calls: number; rows: number }>();
let counter = 0;

const googleError = (c: Context, code: number, message: string, status: string) => c.json({ error: { code, message, status } }, code as 400);

export const sheetsFake = new Hono();

withAdmin(sheetsFake, {
  knobs,
  state: () => ({ spreadsheets: Object.fromEntries([...spreadsheets].map(([id, sheets]) => [id, Object.fromEntries(sheets)])), appends, reads: Object.fromEntries(readCounts) }),
  reset() {
    spreadsheets = new Map();
    appends = [];
    reads = new Map();
    readCounts = new Map();
    knobs.readsPerMinute = 60;
    knobs.failReadAfter = null;
  },
  failure: (c, status, body) => (body ? c.json(body, status as 500) : googleError(c, status, `Injected ${status}`, status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL")),
});

sheetsFake.post("/__admin/spreadsheets", async (c) => {
  const body = (await c.req.json()) as { id?: string; sheets?: Record<string, Rows> };
  const id = body.id ?? `sheet-${++counter}-${crypto.randomUUID().slice(0, 8)}`;
  spreadsheets.set(id, new Map(Object.entries(body.sheets ?? { Sheet1: [] }).map(([title, rows]) => [title, rows.map((r) => r.map(String))])));
  return c.json({ id });
});

sheetsFake.post("/__admin/rows", async (c) => {
  const body = (await c.req.json()) as { spreadsheet_id: string; sheet: string; rows: Rows };
  const sheet = spreadsheets.get(body.spreadsheet_id)?.get(body.sheet);
  if (!sheet) return c.json({ error: "no such sheet" }, 404);
  sheet.push(...body.rows.map((r) => r.map(String)));
  return c.json({ rows: sheet.length });
});

sheetsFake.post("/__admin/sheet", async (c) => {
  const body = (await c.req.json()) as { spreadsheet_id: string; sheet: string; rows: Rows };
  const book = spreadsheets.get(body.spreadsheet_id);
  if (!book?.has(body.sheet)) return c.json({ error: "no such sheet" }, 404);
  book.set(body.sheet, body.rows.map((r) => r.map(String)));
  return c.json({ rows: body.rows.length });
});

sheetsFake.on(["GET", "POST"], "/v4/spreadsheets/:id/values/*", (c) => {
  const check = googleTokenValid(c.req.header("authorization"), SCOPES);
  if (check === "invalid") return googleError(c, 401, "Request had invalid authentication credentials. Expected OAuth 2 access token.", "UNAUTHENTICATED");
  if (check === "scope") return googleError(c, 403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
  const id = decodeURIComponent(c.req.param("id"));
  const book = spreadsheets.get(id);
  if (!book) return googleError(c, 404, "Requested entity was not found.", "NOT_FOUND");
  const tail = decodeURIComponent(new URL(c.req.url).pathname.split("/values/")[1] ?? "");
  const append = c.req.method === "POST" && tail.endsWith(":append");
  const rangeText = append ? tail.slice(0, -":append".length) : tail;
  const range = parseRange(rangeText, [...book.keys()]);
  if (!range || !book.has(range.sheet)) return googleError(c, 400, `Unable to parse range: ${rangeText}`, "INVALID_ARGUMENT");
  const rows = book.get(range.sheet)!;
  if (append) return appendRows(c, id, rangeText, range.sheet, rows);
  if (c.req.method !== "GET") return googleError(c, 404, "Not found", "NOT_FOUND");
  if (overQuota(c.req.header("authorization"))) {
    return googleError(c, 429, "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.", "RESOURCE_EXHAUSTED");
  }
  const failing = knobs.failReadAfter;
  if (failing && failing.reads-- <= 0) {
    knobs.failReadAfter = null;
    return googleError(c, failing.status, `Injected ${failing.status}`, "INTERNAL");
  }
  const values = trimRows(rows.slice(range.r1 - 1, Math.min(range.r2, rows.length)).map((row) => row.slice(range.c1 - 1, Math.min(range.c2, row.length))));
  const count = readCounts.get(id) ?? { calls: 0, rows: 0 };
  readCounts.set(id, { calls: count.calls + 1, rows: count.rows + values.length });
  return c.json({ range: `${quote(range.sheet)}!${range.cells || "A1:ZZZ"}`, majorDimension: "ROWS", ...(values.length ? { values } : {}) });
});

async function appendRows(c: Context, id: string, rangeText: string, sheet: string, rows: Rows) {
  const valueInputOption = c.req.query("valueInputOption");
  if (valueInputOption !== "RAW" && valueInputOption !== "USER_ENTERED") {
    return googleError(c, 400, "'valueInputOption' is required but not specified", "INVALID_ARGUMENT");
  }
  const body = (await c.req.json().catch(() => ({}))) as { values?: unknown[][] };
  if (!Array.isArray(body.values) || body.values.length === 0) return googleError(c, 400, "Invalid values: no rows", "INVALID_ARGUMENT");
  appends.push({ spreadsheetId: id, range: rangeText, valueInputOption, values: body.values });
  const length = trimRows(rows).length;
  rows.length = length;
  const first = length + 1;
  for (const row of body.values) rows.push(row.map((v) => (v === null || v === undefined ? "" : String(v))));
  const width = Math.max(...body.values.map((r) => r.length), 1);
  const updatedRange = `${quote(sheet)}!A${first}:${column(width)}${first + body.values.length - 1}`;
  return c.json({
    spreadsheetId: id,
    tableRange: `${quote(sheet)}!A1:${column(width)}${Math.max(length, 1)}`,
    updates: { spreadsheetId: id, updatedRange, updatedRows: body.values.length, updatedColumns: width, updatedCells: body.values.reduce((n, r) => n + r.length, 0) },
  });
}

function overQuota(authorization: string | undefined): boolean {
  const owner = googleAccessTokens.get(authorization?.replace(/^Bearer\s+/i, "") ?? "")?.subject ?? "?";
  const now = Date.now();
  const recent = (reads.get(owner) ?? []).filter((t) => t > now - 60_000);
  recent.push(now);
  reads.set(owner, recent);
  return recent.length > knobs.readsPerMinute;
}

/** Trailing empty cells and trailing empty rows are left out, as Google does. */
function trimRows(rows: Rows): Rows {
  const trimmed = rows.map((row) => {
    let end = row.length;
    while (end > 0 && (row[end - 1] ?? "") === "") end--;
    return row.slice(0, end);
  });
  while (trimmed.length && trimmed[trimmed.length - 1].length === 0) trimmed.pop();
  return trimmed;
}

interface Range {
  sheet: string;
  cells: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** `'It''s'!A2:F`, `Sheet1!1:1`, `Sheet1`, `A1:B2` (first sheet). */
export function parseRange(text: string, sheets: string[]): Range | undefined {
  let sheet: string;
  let cells: string;
  const quoted = /^'((?:[^']|'')+)'(?:!(.*))?$/.exec(text);
  if (quoted) {
    sheet = quoted[1].replaceAll("''", "'");
    cells = quoted[2] ?? "";
  } else if (text.includes("!")) {
    [sheet, cells] = [text.slice(0, text.lastIndexOf("!")), text.slice(text.lastIndexOf("!") + 1)];
  } else if (sheets.includes(text)) {
    [sheet, cells] = [text, ""];
  } else {
    [sheet, cells] = [sheets[0] ?? "", text];
  }
  if (!cells) return { sheet, cells, r1: 1, c1: 1, r2: Infinity, c2: Infinity };
  const [from, to = from] = cells.toUpperCase().split(":");
  const start = /^([A-Z]*)(\d*)$/.exec(from);
  const end = /^([A-Z]*)(\d*)$/.exec(to);
  if (!start || !end || (!start[1] && !start[2])) return undefined;
  return {
    sheet,
    cells,
    r1: start[2] ? Number(start[2]) : 1,
    c1: start[1] ? columnNumber(start[1]) : 1,
    r2: end[2] ? Number(end[2]) : Infinity,
    c2: end[1] ? columnNumber(end[1]) : Infinity,
  };
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function column(n: number): string {
  return n <= 26 ? String.fromCharCode(64 + n) : column(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));
}

function quote(sheet: string): string {
  return `'${sheet.replaceAll("'", "''")}'`;
}
