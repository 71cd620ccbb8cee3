// Reading rows for the new_rows trigger, as pure steps the scheduler composes with its
// durable cursor (the number of the next row to read, 1-based):
//   first poll  → pollNewRows(client, options)         → { primed: true, cursor, rows: [] }
//   later polls → pollNewRows(client, options, cursor) → { rows, cursor, full } — store one event per
//   row (id: bundle + sheet + row_number) before saving the new cursor, so a poll that fails
//   half-way repeats rows (deduplicated by event id) and never skips one.
// As in n8n's trigger, deleting or inserting rows above the cursor shifts row numbers.
import { a1, columnLetter, type SheetsClient } from "./client";

export interface SheetRef {
  spreadsheetId: string;
  sheet: string;
}

/** Rows read from `fromRow` on, at most `maxRows`; `nextRow` is where the next read starts. */
export async function readRowsFrom(
  client: SheetsClient,
  { spreadsheetId, sheet, fromRow, maxRows = 500, columns = 52 }: SheetRef & { fromRow: number; maxRows?: number; columns?: number },
): Promise<{ rows: string[][]; fromRow: number; nextRow: number }> {
  const range = a1(sheet, `A${fromRow}:${columnLetter(columns)}${fromRow + maxRows - 1}`);
  const rows = await client.values(spreadsheetId, range);
  return { rows, fromRow, nextRow: fromRow + rows.length };
}

export async function readHeaders(client: SheetsClient, { spreadsheetId, sheet, headerRow = 1 }: SheetRef & { headerRow?: number }): Promise<string[]> {
  const [headers = []] = await client.values(spreadsheetId, a1(sheet, `${headerRow}:${headerRow}`));
  return headers.map((h) => h.trim());
}

/** One field per header cell; cells a ragged row leaves out are ""; columns without a header are dropped. */
export function mapRow(headers: readonly string[], row: readonly unknown[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((header, i) => {
    const cell = row?.[i];
    if (header && !(header in out)) out[header] = cell === undefined || cell === null ? "" : String(cell);
  });
  return out;
}

export interface NewRowsOptions {
  spreadsheet_id: string;
  sheet: string;
  header_row?: number;
}

export type NewRow = Record<string, string | number> & { row_number: number };

export async function pollNewRows(
  client: SheetsClient,
  options: NewRowsOptions,
  cursor?: number,
  maxRows = 500,
): Promise<{ primed: boolean; cursor: number; rows: NewRow[]; full: boolean }> {
  const ref = { spreadsheetId: options.spreadsheet_id, sheet: options.sheet };
  const headerRow = options.header_row ?? 1;
  const firstDataRow = headerRow + 1;
  const headers = await readHeaders(client, { ...ref, headerRow });
  const columns = Math.max(headers.length, 1);
  if (cursor === undefined) {
    // Priming: find where the data ends, start no run.
    let next = firstDataRow;
    for (;;) {
      const page = await readRowsFrom(client, { ...ref, fromRow: next, maxRows: 5000, columns });
      next = page.nextRow;
      if (page.rows.length < 5000) return { primed: true, cursor: next, rows: [], full: false };
    }
  }
  const from = Math.max(cursor, firstDataRow);
  const page = await readRowsFrom(client, { ...ref, fromRow: from, maxRows, columns });
  const rows = page.rows
    .map((cells, i) => ({ cells, rowNumber: from + i }))
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""))
    .map(({ cells, rowNumber }) => ({ ...mapRow(headers, cells), row_number: rowNumber }));
  // A full page means more rows may follow it.
  return { primed: false, cursor: page.nextRow, rows, full: page.rows.length === maxRows };
}
