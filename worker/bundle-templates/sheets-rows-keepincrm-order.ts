// Seed flow 2 (shared/spec/examples/sheets-keepincrm-update-or-create.json): each new sheet row
// updates its KeepinCRM order, else creates one, else alerts in Telegram. The spreadsheet and the
// alert chat are the user's to fill in: empty chat = the chat linked to the Telegram connection.
import type { BundleTemplate } from "./template";

const alert = {
  en: "Order {{row.order_id}} was neither updated nor created.\nError: {{create_order.$error}}\nBundle: {{bundle.url}}",
  ru: "Заказ {{row.order_id}} не обновлён и не создан.\nОшибка: {{create_order.$error}}\nСвязка: {{bundle.url}}",
};
const sheet = { en: "Orders", ru: "Заказы" };

export const sheetsRowsKeepincrmOrder: BundleTemplate = {
  id: "sheets-rows-keepincrm-order",
  title: { en: "Google Sheets rows → KeepinCRM order, alert in Telegram", ru: "Строки Google Таблицы → заказ KeepinCRM, тревога в Telegram" },
  description: {
    en: "Every new row updates its order, or creates it; if both fail, a Telegram message says why.",
    ru: "Каждая новая строка обновляет свой заказ или создаёт его; если не вышло ни то, ни другое, Telegram сообщит почему.",
  },
  connections: [
    { placeholder: "sheets", app: "google_sheets" },
    { placeholder: "keepin", app: "keepincrm" },
    { placeholder: "tg_alerts", app: "telegram" },
  ],
  document: (locale) => ({
    format: "bundle/1",
    name: "Google Sheets rows → KeepinCRM: update order, else create, else alert in Telegram",
    trigger: {
      id: "row",
      app: "google_sheets",
      event: "new_rows",
      connection: "sheets",
      options: { spreadsheet_id: "SPREADSHEET_ID", sheet: sheet[locale] },
      schedule: { every_minutes: 5 },
    },
    steps: [
      {
        id: "update_order",
        kind: "action",
        app: "keepincrm",
        action: "update_order",
        connection: "keepin",
        input: { id: "{{row.order_id}}", title: "{{row.title}}", total: "{{row.total}}" },
        on_error: "continue",
      },
      {
        id: "if_update_failed",
        kind: "if",
        when: { left: "{{update_order.$ok}}", op: "eq", right: "0" },
        then: [
          {
            id: "create_order",
            kind: "action",
            app: "keepincrm",
            action: "create_order",
            connection: "keepin",
            input: { title: "{{row.title}}", total: "{{row.total}}", client_name: "{{row.client}}", phone: "{{row.phone}}" },
            on_error: "continue",
          },
        ],
      },
      {
        id: "if_create_failed",
        kind: "if",
        when: { left: "{{create_order.$ok}}", op: "eq", right: "0" },
        then: [
          {
            id: "alert",
            kind: "action",
            app: "telegram",
            action: "send_message",
            connection: "tg_alerts",
            input: { text: alert[locale] },
          },
        ],
      },
    ],
  }),
};
