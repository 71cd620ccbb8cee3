// Sheet sync at scale: a Google Sheets "new rows" bundle keyed by its order_id column (polled by the once-a-minute cron, as
// in production) and a sheet that grows by N rows in chunks of 1,000. Measures the time from
// the first appended row until every row's run has finished, and checks one run per row. Then,
// on that sheet, the cost of a poll: with no change (the cheap poll: the header, a window before
// the cursor and the rows after it), after a row above the cursor was edited (a full read), and
// the time from 100 appended rows to their finished runs (polled at once with "poll now").
import { Api } from "./lib/api.ts";
import { admin, doubleUrl, sleep, type BenchContext } from "./lib/context.ts";
import { waitForRuns } from "./lib/runs.ts";
import { perSecond, round } from "./lib/stats.ts";
import type { Row } from "./lib/table.ts";

const BENCH = "Sheet sync";
const CHUNK = 1000;

export async function sheetSync(ctx: BenchContext): Promise<Row[]> {
  const rows = ctx.options.sheetRows;
  const { id: spreadsheetId } = await admin(ctx, "sheets.fake", "spreadsheets", { sheets: { Orders: [["order_id", "title", "total"]] } });
  const { access_token } = await admin(ctx, "oauth2.fake", "access-token", { scope: "https://www.googleapis.com/auth/spreadsheets", expires_in: 86_400 });
  const api = await Api.signUp(ctx.svyazka.url, "sheets");
  const sheets = await api.connection("google_sheets", { access_token, base_url: doubleUrl(ctx, "sheets.fake") });
  const bundle = await api.enabledBundle({
    name: "New orders",
    trigger: { id: "row", app: "google_sheets", event: "new_rows", connection: sheets, options: { spreadsheet_id: spreadsheetId, sheet: "Orders", key_column: "order_id" }, schedule: { every_minutes: 1 } },
    steps: [{ id: "done", kind: "stop", reason: "Order {{row.order_id}}: {{row.title}}" }],
  });

  // The first poll only notes where the data ends; rows added before it would start nothing.
  const nextRun = async () => (await api.ws<{ next_run_at: string | null }>("GET", `/bundles/${bundle.id}`)).next_run_at;
  const primedAt = await nextRun();
  const deadline = Date.now() + 3 * 60_000;
  while ((await nextRun()) === primedAt) {
    if (Date.now() > deadline) throw new Error("the cron never polled the sheet");
    await sleep(1000);
  }
  await sleep(3000); // the claim moves next_run_at just before the poll itself

  const start = Date.now();
  for (let from = 0; from < rows; from += CHUNK) {
    const chunk = Array.from({ length: Math.min(CHUNK, rows - from) }, (_, i) => [String(from + i + 1), `Order ${from + i + 1}`, String((from + i) % 997)]);
    await admin(ctx, "sheets.fake", "rows", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: chunk });
    await sleep(1000);
  }
  const runs = await waitForRuns(api, bundle.id, rows, 60 * 60_000, 5000);
  const firstStored = Math.min(...runs.map((r) => Date.parse(r.created_at)));
  const lastFinished = Math.max(...runs.map((r) => Date.parse(r.finished_at!)));
  const ended = runs.filter((r) => r.status === "stopped").length;
  const cost = await pollCost(ctx, api, bundle.id, spreadsheetId, rows);
  return [
    ...cost,
    { bench: BENCH, metric: `${rows.toLocaleString("en-US")} rows appended in chunks of ${CHUNK.toLocaleString("en-US")} → all runs finished`, value: `${round((lastFinished - start) / 1000)} s`, note: "includes the wait for the next once-a-minute poll" },
    { bench: BENCH, metric: "rows/s from the first stored run to the last finished", value: round(perSecond(runs.length, lastFinished - firstStored)), note: `${round(perSecond(runs.length, lastFinished - start))} rows/s from the first append` },
    { bench: BENCH, metric: "runs started", value: runs.length.toLocaleString("en-US"), note: `must equal the rows: ${runs.length === rows ? "yes" : "NO"}; ${ended.toLocaleString("en-US")} ended as planned` },
  ];
}

/** What one poll reads on a sheet of `rows` rows, and how soon 100 appended rows have run. */
async function pollCost(ctx: BenchContext, api: Api, bundleId: string, spreadsheetId: string, rows: number): Promise<Row[]> {
  const reads = async (): Promise<{ calls: number; rows: number }> => (await admin(ctx, "sheets.fake", "state")).reads[spreadsheetId];
  const pollNow = () => api.ws<{ run_ids: string[] }>("POST", `/bundles/${bundleId}/run`, {});
  const measure = async () => {
    const before = await reads();
    const started = Date.now();
    await pollNow();
    const after = await reads();
    return { calls: after.calls - before.calls, rows: after.rows - before.rows, ms: Date.now() - started };
  };
  const size = `${rows.toLocaleString("en-US")}-row sheet`;
  const quiet = await measure();
  // A person edits a cell of the last row: the window before the cursor changed, so the poll reads
  // the whole sheet; the row keeps its key, so it does not run again (without a key column an
  // edited row is a new row: decision 0031).
  const sheet: string[][] = (await admin(ctx, "sheets.fake", "state")).spreadsheets[spreadsheetId].Orders;
  sheet[sheet.length - 1][1] += " (edited)";
  await admin(ctx, "sheets.fake", "sheet", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: sheet });
  const full = await measure();
  const appended = Array.from({ length: 100 }, (_, i) => [String(rows + i + 1), `Order ${rows + i + 1}`, "1"]);
  const start = Date.now();
  await admin(ctx, "sheets.fake", "rows", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: appended });
  await pollNow();
  const runs = await waitForRuns(api, bundleId, rows + 100, 10 * 60_000, 200);
  const lastFinished = Math.max(...runs.map((r) => Date.parse(r.finished_at!)));
  return [
    { bench: BENCH, metric: `poll of a ${size}, no change: API calls / rows read`, value: `${quiet.calls} / ${quiet.rows}`, note: `${round(quiet.ms)} ms; the header row, and the window of rows before the cursor` },
    { bench: BENCH, metric: `poll of a ${size} after an edit above the cursor: API calls / rows read`, value: `${full.calls} / ${full.rows.toLocaleString("en-US")}`, note: `${round(full.ms)} ms; the full read (also once a day, and every poll of "new or updated rows")` },
    { bench: BENCH, metric: "100 rows appended → their runs finished (poll now)", value: `${round((lastFinished - start) / 1000)} s`, note: `runs: ${runs.length.toLocaleString("en-US")} (must be ${(rows + 100).toLocaleString("en-US")}: ${runs.length === rows + 100 ? "yes" : "NO"})` },
  ];
}
