// A form (any service that POSTs its answers) adds a row to a Google Sheet: the values go under
// the header cells of the same name, so the sheet needs a header row Name, Phone, Email, Received
// (Имя, Телефон, Email, Получено on the first sheet, Лист1, of a Russian spreadsheet).
import type { BundleTemplate } from "./template";

const sheet = { en: { name: "Sheet1", headers: ["Name", "Phone", "Email", "Received"] }, ru: { name: "Лист1", headers: ["Имя", "Телефон", "Email", "Получено"] } };
const fields = ["{{form.name}}", "{{form.phone}}", "{{form.email}}", "{{run.started_at}}"];

export const formSheetsRow: BundleTemplate = {
  id: "form-sheets-row",
  title: { en: "Form or webhook → Google Sheets row", ru: "Форма или вебхук → строка Google Таблицы" },
  description: {
    en: `Each form answer sent to the bundle's URL becomes a row under the headers ${sheet.en.headers.join(", ")}.`,
    ru: `Каждый ответ формы, отправленный на адрес связки, становится строкой под заголовками ${sheet.ru.headers.join(", ")}.`,
  },
  connections: [{ placeholder: "sheets", app: "google_sheets" }],
  document: (locale) => ({
    format: "bundle/1",
    name: "Form → Google Sheets row",
    trigger: { id: "form", app: "webhook", event: "catch" },
    steps: [
      {
        id: "add_row",
        kind: "action",
        app: "google_sheets",
        action: "append_row",
        connection: "sheets",
        input: {
          spreadsheet_id: "SPREADSHEET_ID",
          sheet: sheet[locale].name,
          values: Object.fromEntries(sheet[locale].headers.map((header, i) => [header, fields[i]])),
        },
      },
    ],
  }),
};
