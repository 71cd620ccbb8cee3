// Who a sheet row is, whatever its row number (decision 0031): the value of the key column the
// user picked (e.g. order_id), else a fingerprint of the row's cells. Also the hash of the
// watched columns ("new or updated rows") and the run's event key, so the run intake's
// (bundle, event) uniqueness starts a row, or one change of it, once, however polls race or fail.
import { ConnectorError } from "../connectors/types";
import type { NewRowsOptions } from "../connectors/google_sheets/rows";
import { sha256Hex } from "../bytes/sha256";

export type SheetTriggerMode = "new" | "new_or_updated";

export interface SheetTriggerOptions extends NewRowsOptions {
  key_column?: string;
  mode?: SheetTriggerMode;
  watch_columns?: string[];
}

export interface IdentifiedRow {
  rowNumber: number;
  cells: string[];
  identity: string;
  /** What the run log shows: the key cell, or the start of the fingerprint. */
  key: string;
  /** Hash of the watched columns; null in "new rows" mode. */
  watched: string | null;
}

export interface RowIdentifier {
  mode: SheetTriggerMode;
  /** Changes whenever identities would: a cursor with another one remembers the sheet's rows afresh. */
  signature: string;
  /** Changes whenever watched hashes would: a cursor with another one notes them again, without runs. */
  watching: string;
  identify(rowNumber: number, cells: string[]): Promise<IdentifiedRow | undefined>;
}

/** Cells as they count for identity: trimmed, trailing empty cells dropped (Google leaves them out anyway). */
export function normalCells(cells: readonly unknown[]): string[] {
  const out = cells.map((c) => (c === undefined || c === null ? "" : String(c).trim()));
  while (out.length && out[out.length - 1] === "") out.pop();
  return out;
}

const hash = async (text: string) => (await sha256Hex(text)).slice(0, 32);

/** Hash of a run of rows (the window before the cursor), blank rows included. */
export async function hashRows(rows: readonly (readonly unknown[])[]): Promise<string> {
  return hash(JSON.stringify(rows.map(normalCells)));
}

/**
 * Reads the options against the header row. A key or watched column the header row no longer
 * has stops the poll with the user's words: guessing would run every row again.
 */
export function rowIdentifier(options: SheetTriggerOptions, headers: readonly string[]): RowIdentifier {
  const mode = options.mode ?? "new";
  const column = (name: string, what: { en: string; ru: string }) => {
    const index = headers.indexOf(name.trim());
    if (index < 0) {
      throw new ConnectorError({
        en: `The ${what.en} «${name}» is not in the sheet's header row; choose one of its columns in the trigger.`,
        ru: `${what.ru} «${name}» нет в строке заголовков листа; выберите в триггере один из его столбцов.`,
      });
    }
    return index;
  };
  const keyIndex = options.key_column ? column(options.key_column, { en: "key column", ru: "Ключевого столбца" }) : undefined;
  const watchNames = mode === "new_or_updated" ? (options.watch_columns?.length ? options.watch_columns : headers.filter(Boolean)) : [];
  const watchIndexes = watchNames.map((name) => column(name, { en: "watched column", ru: "Отслеживаемого столбца" }));
  const sheet = `${options.spreadsheet_id}\n${options.sheet}\n`;
  return {
    mode,
    // By column position, not header: renaming a header (and the option with it) keeps every row known.
    signature: JSON.stringify({ header_row: options.header_row ?? 1, key: keyIndex ?? null }),
    watching: JSON.stringify(watchIndexes),
    async identify(rowNumber, raw) {
      const cells = normalCells(raw);
      if (cells.length === 0) return undefined;
      let identity: string;
      let key: string;
      if (keyIndex === undefined) {
        identity = await hash(`${sheet}c\n${JSON.stringify(cells)}`);
        key = `#${identity.slice(0, 8)}`;
      } else {
        key = cells[keyIndex] ?? "";
        // No key yet (a row still being typed): it runs once its key is there.
        if (key === "") return undefined;
        identity = await hash(`${sheet}k\n${key}`);
      }
      const watched = watchIndexes.length ? await hash(JSON.stringify(watchIndexes.map((i) => cells[i] ?? ""))) : null;
      return { rowNumber, cells: raw.map(String), identity, key, watched };
    },
  };
}

/** The run's event: the row, and for a change of it, which change. */
export function rowEventKey(identity: string, revision: number): string {
  return revision === 0 ? `row-${identity}` : `row-${identity}-r${revision}`;
}
