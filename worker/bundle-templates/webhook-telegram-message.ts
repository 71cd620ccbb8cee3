// The commonest first bundle: anything that can POST (a site form, a CRM, a script) sends a
// Telegram message. Empty chat = the chat linked to the connection.
import type { BundleTemplate } from "./template";

const message = {
  en: "New request\nName: {{hook.name}}\nPhone: {{hook.phone}}\nMessage: {{hook.message}}",
  ru: "Новая заявка\nИмя: {{hook.name}}\nТелефон: {{hook.phone}}\nСообщение: {{hook.message}}",
};

export const webhookTelegramMessage: BundleTemplate = {
  id: "webhook-telegram-message",
  title: { en: "Webhook → Telegram message", ru: "Вебхук → сообщение в Telegram" },
  description: {
    en: "A message from your bot for every delivery to the bundle's URL: a site form, a CRM, any service.",
    ru: "Сообщение от вашего бота на каждую доставку на адрес связки: форма сайта, CRM, любой сервис.",
  },
  connections: [{ placeholder: "telegram", app: "telegram" }],
  document: (locale) => ({
    format: "bundle/1",
    name: "Webhook → Telegram message",
    trigger: { id: "hook", app: "webhook", event: "catch" },
    steps: [
      {
        id: "notify",
        kind: "action",
        app: "telegram",
        action: "send_message",
        connection: "telegram",
        input: { text: message[locale] },
      },
    ],
  }),
};
