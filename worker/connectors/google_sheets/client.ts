// Google Sheets API v4, the calls we need: read a range, append a row. Rows come back ragged
// (trailing empty cells and rows left out) and `values` is missing for an empty range.
// Errors are Google's `{error:{code, message, status}}`; 429 means the per-minute quota.
import { googleSession, type GoogleCredentials } from "../google-auth";
import { errorDetail } from "../http-client";
import type { BearerSession } from "../oauth";
import { pathSegment } from "../path-segment";
import { ConnectorError, type ConnectionStore, type HttpClient, type HttpResponse } from "../types";

export const SHEETS_API = "https://sheets.googleapis.com";
export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";

export interface SheetsConnection extends GoogleCredentials {
  base_url?: string;
}

/** A range on a named sheet in A1 notation: `'My Sheet'!A2:F` (quotes doubled inside). */
export function a1(sheet: string, range: string): string {
  return `'${sheet.replaceAll("'", "''")}'!${range}`;
}

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(column: number): string {
  let n = Math.max(1, Math.floor(column));
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export class SheetsClient {
  private readonly base: string;
  private readonly session: BearerSession;

  constructor(c: SheetsConnection, http: HttpClient, store: ConnectionStore) {
    this.base = (c.base_url || SHEETS_API).replace(/\/+$/, "");
    this.session = googleSession(c, http, store, SHEETS_SCOPE, "Google Sheets");
  }

  /** The cells of `range` as strings, row by row, ragged as Google returns them; [] when empty. */
  async values(spreadsheetId: string, range: string): Promise<string[][]> {
    const body = (await this.call("GET", `${pathSegment(spreadsheetId)}/values/${pathSegment(range)}`, {
      majorDimension: "ROWS",
      valueRenderOption: "FORMATTED_VALUE",
    })) as { values?: unknown[][] };
    return (body.values ?? []).map((row) => (row ?? []).map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
  }

  /** Appends one row after the sheet's table, typed as a user would (USER_ENTERED). */
  async append(spreadsheetId: string, sheet: string, row: string[]): Promise<{ updatedRange: string; rowNumber: number }> {
    const body = (await this.call(
      "POST",
      `${pathSegment(spreadsheetId)}/values/${pathSegment(a1(sheet, "A1"))}:append`,
      { valueInputOption: "USER_ENTERED", insertDataOption: "INSERT_ROWS" },
      { values: [row] },
    )) as { updates?: { updatedRange?: string } };
    const updatedRange = body.updates?.updatedRange ?? "";
    return { updatedRange, rowNumber: Number(/![A-Z]+(\d+)/.exec(updatedRange)?.[1] ?? 0) };
  }

  private async call(method: "GET" | "POST", path: string, query: Record<string, string>, json?: unknown): Promise<unknown> {
    const res = await this.session.request({ method, url: `${this.base}/v4/spreadsheets/${path}`, query, json, service: "Google Sheets" });
    if (res.status >= 400) throw sheetsError(res);
    return res.body ?? {};
  }
}

function sheetsError(res: HttpResponse): ConnectorError {
  const detail = errorDetail(res.body) ?? `HTTP ${res.status}`;
  const status = res.status;
  if (status === 401) return new ConnectorError({ en: `Google Sheets rejected the credentials: ${detail}`, ru: `Google Таблицы не приняли учётные данные: ${detail}` }, { status, code: "auth_failed" });
  if (status === 403) {
    const message = {
      en: `Google Sheets refused access: ${detail}. Share the spreadsheet with the service account's email.`,
      ru: `Google Таблицы отказали в доступе: ${detail}. Откройте доступ к таблице для адреса сервисного аккаунта.`,
    };
    return new ConnectorError(message, { status, code: "forbidden" });
  }
  if (status === 404) return new ConnectorError({ en: `Google Sheets: no such spreadsheet (${detail}).`, ru: `Google Таблицы: такой таблицы нет (${detail}).` }, { status, code: "not_found" });
  return new ConnectorError({ en: `Google Sheets refused the request: ${detail}`, ru: `Google Таблицы отклонили запрос: ${detail}` }, { status, code: "rejected" });
}
