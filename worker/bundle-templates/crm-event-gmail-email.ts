// A CRM (or any service) posts an event, such as a new deal, to the bundle's URL and the
// customer gets an email from the connected Gmail account.
import type { BundleTemplate } from "./template";

const email = {
  en: { subject: "Your order {{event.order_id}}", body: "Hello, {{event.name}}!\n\nYour order {{event.order_id}} is now: {{event.status}}." },
  ru: { subject: "Ваш заказ {{event.order_id}}", body: "Здравствуйте, {{event.name}}!\n\nСтатус вашего заказа {{event.order_id}}: {{event.status}}." },
};

export const crmEventGmailEmail: BundleTemplate = {
  id: "crm-event-gmail-email",
  title: { en: "CRM event → Gmail email", ru: "Событие CRM → письмо из Gmail" },
  description: {
    en: "When your CRM posts an event (a new deal, a status change) to the bundle's URL, the customer gets an email.",
    ru: "Когда CRM отправляет событие (новая сделка, смена статуса) на адрес связки, клиент получает письмо.",
  },
  connections: [{ placeholder: "gmail", app: "gmail" }],
  document: (locale) => ({
    format: "bundle/1",
    name: "CRM event → Gmail email",
    trigger: { id: "event", app: "webhook", event: "catch" },
    steps: [
      {
        id: "email",
        kind: "action",
        app: "gmail",
        action: "send_email",
        connection: "gmail",
        input: {
          to: "{{event.email}}",
          subject: email[locale].subject,
          body: email[locale].body,
        },
      },
    ],
  }),
};
