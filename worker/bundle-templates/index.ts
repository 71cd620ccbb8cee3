// The templates gallery (issue 20): ready bundles a new user starts from — the two seed flows
// and the commonest first bundles. GET /templates lists them; …/bundles/from-template creates one.
import { inLocale, type Locale } from "../i18n";
import { crmEventGmailEmail } from "./crm-event-gmail-email";
import { formSheetsRow } from "./form-sheets-row";
import { sheetsRowsKeepincrmOrder } from "./sheets-rows-keepincrm-order";
import type { BundleTemplate } from "./template";
import { vkLeadAmocrmContact } from "./vk-lead-amocrm-contact";
import { webhookTelegramMessage } from "./webhook-telegram-message";

export type { BundleTemplate, TemplateConnection } from "./template";

/** In the order the gallery shows them: the simplest first. */
export const BUNDLE_TEMPLATES: readonly BundleTemplate[] = [webhookTelegramMessage, formSheetsRow, crmEventGmailEmail, vkLeadAmocrmContact, sheetsRowsKeepincrmOrder];

export function findTemplate(id: string): BundleTemplate | undefined {
  return BUNDLE_TEMPLATES.find((t) => t.id === id);
}

/** A template as the API answers it, in one language; the document's name too. */
export function localizedTemplate(template: BundleTemplate, locale: Locale) {
  const document = template.document(locale);
  return {
    id: template.id,
    title: inLocale(template.title, locale),
    description: inLocale(template.description, locale),
    apps: [...new Set([document.trigger.app, ...template.connections.map((c) => c.app)])],
    connections: [...template.connections],
    document: { ...document, name: inLocale(template.title, locale) },
  };
}
