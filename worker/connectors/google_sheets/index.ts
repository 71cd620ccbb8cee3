// Google Sheets: new rows as a polling trigger (the scheduler reads them with rows.ts and a
// durable row cursor), appending a row as an action. Connects with a service account key or
// an OAuth token.
import { z } from "zod";
import { GOOGLE_TOKEN_URL, googleOAuth } from "../google-auth";
import { baseUrl, choices, defineAction, defineConnector, field, readConnection, t, text } from "../fields";
import { ConnectorError, type ConnectorContext } from "../types";
import { SHEETS_API, SHEETS_SCOPE, SheetsClient } from "./client";
import { readHeaders } from "./rows";

const connection = z
  .object({
    service_account_json: field(z.string().optional(), t("Service account key (JSON)", "Ключ сервисного аккаунта (JSON)"), t("The whole downloaded .json file.", "Весь скачанный .json-файл целиком.")),
    access_token: field(z.string().optional(), t("OAuth access token", "Токен доступа OAuth")),
    refresh_token: field(z.string().optional(), t("OAuth refresh token", "Токен обновления OAuth")),
    client_id: field(z.string().optional(), t("OAuth client ID", "ID клиента OAuth")),
    client_secret: field(z.string().optional(), t("OAuth client secret", "Секрет клиента OAuth")),
    token_url: field(z.url().optional(), t("Token URL", "URL токенов")).meta({ default: GOOGLE_TOKEN_URL }),
    spreadsheet_id: field(z.string().optional(), t("Spreadsheet to test with", "Таблица для проверки"), t("Optional: the connection test reads its cell A1.", "Необязательно: проверка подключения читает её ячейку A1.")),
    base_url: baseUrl(SHEETS_API, t("Only for a test double.", "Только для тестового двойника.")),
    expires_at: field(z.union([z.string(), z.number()]).optional(), t("Access token expiry (Unix seconds)", "Срок действия токена доступа (Unix-время)")),
  })
  .refine((c) => c.service_account_json || c.access_token || (c.refresh_token && c.client_id && c.client_secret), {
    message: "Paste a service account key (JSON), or give an OAuth access token or refresh token.",
    path: ["service_account_json"],
  });

export function sheetsFor(ctx: ConnectorContext<unknown>) {
  return new SheetsClient(readConnection(connection, ctx.connection, "Google Sheets"), ctx.http, ctx.store);
}

const sheetRef = {
  spreadsheet_id: text(t("Spreadsheet ID", "ID таблицы"), t("From the URL: docs.google.com/spreadsheets/d/<ID>/edit", "Из адреса: docs.google.com/spreadsheets/d/<ID>/edit")).min(1),
  sheet: text(t("Sheet", "Лист"), t("The tab's name, e.g. Sheet1.", "Название вкладки, например Лист1.")).min(1),
  header_row: field(z.coerce.number().int().min(1).optional(), t("Header row", "Строка заголовков"), t("1 unless the headers are lower.", "1, если заголовки не ниже.")),
};

/** How the trigger knows a row and which rows it runs for (worker/schedule/sheet-identity.ts). */
const rowTriggerOptions = {
  key_column: field(
    z.string().trim().min(1).optional(),
    t("Key column", "Ключевой столбец"),
    t(
      "The header of a column that names each row once, e.g. order_id. A row runs once per key, wherever it moves in the sheet. Empty: rows are told apart by their content, so an edited row counts as a new one.",
      "Заголовок столбца, который однозначно называет строку, например order_id. Строка запускает связку один раз на ключ, куда бы её ни передвинули. Пусто: строки различаются по содержимому, и изменённая строка считается новой.",
    ),
  ),
  mode: choices(
    field(
      z.enum(["new", "new_or_updated"]).optional(),
      t("Run for", "Запускать на"),
      t(
        "New rows: each new row once. New or updated rows: also again, once per change, when one of the watched columns of a row changes (the whole sheet is read on every check).",
        "Новые строки: каждую новую строку один раз. Новые или изменённые строки: ещё и снова, по разу на каждое изменение, когда меняется один из отслеживаемых столбцов строки (на каждой проверке читается весь лист).",
      ),
    ),
    { new: t("New rows", "Новые строки"), new_or_updated: t("New or updated rows", "Новые или изменённые строки") },
  ).meta({ default: "new" }), // shown as the empty choice's meaning; a bundle without `mode` runs new rows
  watch_columns: field(
    z.array(z.string().trim().min(1)).min(1).optional(),
    t("Watched columns", "Отслеживаемые столбцы"),
    t(
      'For new_or_updated: the headers whose changes run the row again, e.g. ["status", "total"]. Empty: every column.',
      'Для new_or_updated: заголовки, изменение которых снова запускает строку, например ["status", "total"]. Пусто: все столбцы.',
    ),
  ),
};

const appendRow = defineAction({
  label: t("Add row", "Добавить строку"),
  help: t("Appends a row; values are put under the header cells of the same name.", "Добавляет строку; значения встают под заголовки с теми же названиями."),
  input: z.object({
    ...sheetRef,
    values: field(z.record(z.string(), z.unknown()), t("Values (header → value)", "Значения (заголовок → значение)")),
  }),
  output: z.object({
    row_number: field(z.number().int(), t("Row number", "Номер строки")),
    updated_range: field(z.string(), t("Range written", "Записанный диапазон")),
  }),
  async run(ctx) {
    const { input } = ctx;
    const client = sheetsFor(ctx);
    const headerRow = input.header_row ?? 1;
    const headers = await readHeaders(client, { spreadsheetId: input.spreadsheet_id, sheet: input.sheet, headerRow });
    if (!headers.some(Boolean)) throw new ConnectorError({ en: `Row ${headerRow} of "${input.sheet}" is empty: add the column headers first.`, ru: `Строка ${headerRow} листа «${input.sheet}» пуста: сначала добавьте заголовки столбцов.` }, { code: "no_headers" });
    const column = (name: string) => {
      const exact = headers.indexOf(name.trim());
      return exact >= 0 ? exact : headers.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
    };
    const unknown = Object.keys(input.values).filter((name) => column(name) < 0);
    if (unknown.length) {
      const names = unknown.map((k) => `"${k}"`).join(", ");
      throw new ConnectorError({ en: `No column named ${names} in row ${headerRow} of "${input.sheet}".`, ru: `В строке ${headerRow} листа «${input.sheet}» нет столбца ${names}.` }, { code: "unknown_column" });
    }
    const row = headers.map(() => "");
    for (const [name, value] of Object.entries(input.values)) row[column(name)] = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    const { rowNumber, updatedRange } = await client.append(input.spreadsheet_id, input.sheet, row);
    return { row_number: rowNumber, updated_range: updatedRange };
  },
});

export const googleSheets = defineConnector({
  app: "google_sheets",
  label: t("Google Sheets", "Google Таблицы"),
  help: t(
    "Share the spreadsheet with the service account's email (or connect with OAuth).",
    "Откройте доступ к таблице для email сервисного аккаунта (или подключитесь через OAuth).",
  ),
  connection: {
    fields: connection,
    secret: ["service_account_json", "access_token", "refresh_token", "client_secret"],
    managed: ["expires_at"],
    async test(ctx) {
      const c = readConnection(connection, ctx.connection, "Google Sheets");
      const client = new SheetsClient(c, ctx.http, ctx.store);
      if (c.spreadsheet_id) await client.values(c.spreadsheet_id, "A1");
      else await client.values("connection-test", "A1").catch((err: unknown) => {
        // Without a spreadsheet, a token that works is what can be checked: 404 means it did.
        if (!(err instanceof ConnectorError && err.options.status === 404)) throw err;
      });
    },
    oauth: googleOAuth(SHEETS_SCOPE, ["spreadsheet_id", "base_url"]),
  },
  triggers: {
    new_rows: {
      label: t("New rows", "Новые строки"),
      help: t(
        "Checks the sheet on schedule and runs once per new row (or, in new_or_updated mode, once per change of a watched column). The first check after enabling only notes the rows already there. Rows deleted, inserted or sorted above never make a row run twice or get lost.",
        "Проверяет лист по расписанию и запускает связку на каждую новую строку (в режиме new_or_updated — ещё и на каждое изменение отслеживаемого столбца). Первая проверка после включения только запоминает строки, которые уже есть. Удаление, вставка и сортировка строк выше не приводят ни к повторному запуску, ни к потере строки.",
      ),
      kind: "polling",
      needsConnection: true,
      options: z.object({ ...sheetRef, ...rowTriggerOptions }),
      output: z
        .looseObject({
          row_number: field(z.number().int(), t("Row number", "Номер строки")),
          row_key: field(z.string(), t("Row key", "Ключ строки"), t("The key cell, or # and the start of the row's fingerprint.", "Значение ключевого столбца или # и начало отпечатка строки.")),
          row_change: field(z.enum(["new", "updated"]).optional(), t("New or updated", "Новая или изменённая")),
        })
        .meta({ description: "Plus one string field per header cell." }),
    },
  },
  actions: { append_row: appendRow },
});
