// Reading a sheet's rows for the Sheets trigger: ranges of rows, the header row, and a row as
// fields named by the headers. The trigger itself (row identities, the cursor, which rows run)
// is the scheduler's: worker/schedule/poll-sheet.ts.
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
