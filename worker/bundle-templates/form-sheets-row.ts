// A form (any service that POSTs its answers) adds a row to a Google Sheet: the values go under
// the header cells of the same name, so the sheet needs a header row Name, Phone, Email, Received.
import type { BundleTemplate } from "./template";

export const formSheetsRow: BundleTemplate = {
  id: "form-sheets-row",
  title: { en: "Form or webhook → Google Sheets row", ru: "Форма или вебхук → строка Google Таблицы" },
  description: {
    en: "Each form answer sent to the bundle's URL becomes a row under the headers Name, Phone, Email, Received.",
    ru: "Каждый ответ формы, отправленный на адрес связки, становится строкой под заголовками Name, Phone, Email, Received.",
  },
  connections: [{ placeholder: "sheets", app: "google_sheets" }],
  document: {
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
          sheet: "Sheet1",
          values: { Name: "{{form.name}}", Phone: "{{form.phone}}", Email: "{{form.email}}", Received: "{{run.started_at}}" },
        },
      },
    ],
  },
};
