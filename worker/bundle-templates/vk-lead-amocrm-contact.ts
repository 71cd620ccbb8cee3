// Seed flow 1 (shared/spec/examples/vk-amocrm-dedup.json): a VK lead form answer becomes an
// amoCRM contact — found by phone (email added), else by email (phone added), else created.
import type { BundleTemplate } from "./template";

export const vkLeadAmocrmContact: BundleTemplate = {
  id: "vk-lead-amocrm-contact",
  title: { en: "VK lead form → amoCRM contact without duplicates", ru: "Заявка ВКонтакте → контакт amoCRM без дублей" },
  description: {
    en: "Finds the contact by phone, else by email, and adds what is missing; creates one only when neither matches.",
    ru: "Ищет контакт по телефону, затем по email и дописывает недостающее; создаёт новый, только если не нашлось ни того, ни другого.",
  },
  connections: [
    { placeholder: "vk_group", app: "vk" },
    { placeholder: "amo", app: "amocrm" },
  ],
  document: () => ({
    format: "bundle/1",
    name: "VK lead form → amoCRM: find by phone, else by email, else create",
    trigger: { id: "lead", app: "vk", event: "lead_form", connection: "vk_group" },
    steps: [
      { id: "by_phone", kind: "action", app: "amocrm", action: "find_contact", connection: "amo", input: { query: "{{lead.phone}}" } },
      { id: "route_phone", kind: "router", routes: [{ when: { left: "{{by_phone.id}}", op: "not_empty" }, goto: "add_email" }], otherwise: "by_email" },
      {
        id: "add_email",
        kind: "action",
        app: "amocrm",
        action: "create_contact",
        connection: "amo",
        input: { name: "{{lead.first_name}}", phone: "{{lead.phone}}", email: "{{lead.email}}" },
        dedup: { match: [["phone"]], mode: "update_only", update: ["email"] },
      },
      { id: "done_phone", kind: "stop" },
      { id: "by_email", kind: "action", app: "amocrm", action: "find_contact", connection: "amo", input: { query: "{{lead.email}}" } },
      { id: "route_email", kind: "router", routes: [{ when: { left: "{{by_email.id}}", op: "not_empty" }, goto: "add_phone" }], otherwise: "create" },
      {
        id: "add_phone",
        kind: "action",
        app: "amocrm",
        action: "create_contact",
        connection: "amo",
        input: { name: "{{lead.first_name}}", phone: "{{lead.phone}}", email: "{{lead.email}}" },
        dedup: { match: [["email"]], mode: "update_only", update: ["phone"] },
      },
      { id: "done_email", kind: "stop" },
      { id: "create", kind: "action", app: "amocrm", action: "create_contact", connection: "amo", input: { name: "{{lead.first_name}}", phone: "{{lead.phone}}", email: "{{lead.email}}" } },
    ],
  }),
};
