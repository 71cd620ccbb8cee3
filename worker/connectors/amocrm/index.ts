// amoCRM (and Kommo, same API v4): find, create and update contacts. Creating accepts dedup
// on phone or email; updating merges phones and emails into the existing ones.
import { z } from "zod";
import { defineAction, defineConnector, emptyAsAbsent, field, optionalText, t } from "../fields";
import type { ConnectorContext } from "../types";
import { AmoClient, type AmoConnection } from "./client";
import { amoOAuth } from "./oauth";
import { contactSummary, createContact, findContactByKeys, searchContact, updateContact } from "./contacts";
import { looksLikePhone, normalisePhone } from "./contact-fields";

const connection = z
  .object({
    subdomain: optionalText(t("Account subdomain (xxx in xxx.amocrm.ru)", "Поддомен аккаунта (xxx в xxx.amocrm.ru)")),
    base_url: optionalText(t("Account URL (instead of the subdomain, e.g. https://xxx.kommo.com)", "Адрес аккаунта (вместо поддомена, например https://xxx.kommo.com)")),
    access_token: optionalText(t("Long-lived token (or the current OAuth access token)", "Долгосрочный токен (или текущий токен доступа OAuth)")),
    client_id: optionalText(t("OAuth: integration ID", "OAuth: ID интеграции")),
    client_secret: optionalText(t("OAuth: secret key", "OAuth: секретный ключ")),
    refresh_token: optionalText(t("OAuth: refresh token", "OAuth: токен обновления")),
    redirect_uri: optionalText(t("OAuth: redirect URI", "OAuth: адрес перенаправления")),
    expires_at: field(emptyAsAbsent(z.union([z.string(), z.number()]).optional()), t("OAuth: access token expiry", "OAuth: срок действия токена доступа")),
  })
  .refine((c) => Boolean(c.subdomain || c.base_url), { message: "Give the subdomain or the base_url.", path: ["subdomain"] })
  .refine((c) => Boolean(c.access_token || c.refresh_token), {
    message: "Give a long-lived access_token, or client_id, client_secret and refresh_token.",
    path: ["access_token"],
  });

// The stored fields go to the client as they are (it checks the subdomain and base_url itself).
const client = (ctx: ConnectorContext<unknown>) => new AmoClient(ctx.connection as AmoConnection, ctx.http, ctx.store);

const contactFields = {
  name: optionalText(t("Full name", "Имя контакта")),
  first_name: optionalText(t("First name", "Имя")),
  last_name: optionalText(t("Last name", "Фамилия")),
  phone: optionalText(t("Phone", "Телефон")),
  email: optionalText(t("Email", "Email")),
  responsible_user_id: field(emptyAsAbsent(z.coerce.number().int().positive().optional()), t("Responsible user ID", "ID ответственного")),
  tags: field(
    emptyAsAbsent(z.union([z.string(), z.array(z.string())]).optional()).transform((tags) => (typeof tags === "string" ? tags.split(",") : tags)?.map((tag) => tag.trim()).filter(Boolean)),
    t("Tags (comma-separated)", "Теги (через запятую)"),
  ),
};

const writeOutput = z.object({ id: z.string(), created: z.number().int(), updated: z.number().int(), matched_by: z.string() });

const findContact = defineAction({
  label: t("Find contact", "Поиск контакта"),
  help: t(
    "Searches contacts by any filled field (name, phone, email…) and returns the first one. Nothing found is a success with found = 0.",
    "Ищет контакт по любому заполненному полю (имя, телефон, email…) и возвращает первый найденный. Если ничего не найдено, шаг успешен и found = 0.",
  ),
  input: z.object({ query: field(z.coerce.string().min(1), t("Search query", "Строка поиска")) }),
  output: z.object({ found: z.number().int(), id: z.string(), name: z.string(), phone: z.string(), email: z.string(), contact: z.unknown() }),
  async run(ctx) {
    // A phone written as "8 (912) 345-67-89" finds "+79123456789" only by its digits.
    const query = looksLikePhone(ctx.input.query) ? normalisePhone(ctx.input.query) : ctx.input.query;
    const contact = await searchContact(client(ctx), query);
    if (!contact) return { found: 0, id: "", name: "", phone: "", email: "", contact: null };
    return { found: 1, ...contactSummary(contact), contact };
  },
});

const createContactAction = defineAction({
  label: t("New contact", "Новый контакт"),
  help: t(
    "Creates a contact with a phone and an email. With dedup on, a contact with the same phone or email is updated instead.",
    "Создаёт контакт с телефоном и email. При включённой проверке дублей контакт с тем же телефоном или email обновляется вместо создания нового.",
  ),
  input: z.object(contactFields),
  output: writeOutput,
  dedup: {
    keys: { phone: "phone", email: "email" },
    async find(ctx, match) {
      const found = await findContactByKeys(client(ctx), match);
      return found ? { id: String(found.contact.id), record: found.contact } : undefined;
    },
    async update(ctx, id, fields) {
      const updatedId = await updateContact(client(ctx), id, fields);
      return { id: updatedId, created: 0, updated: 1, matched_by: "" };
    },
  },
  async run(ctx) {
    const id = await createContact(client(ctx), ctx.input);
    return { id, created: 1, updated: 0, matched_by: "" };
  },
});

const updateContactAction = defineAction({
  label: t("Update contact", "Обновить контакт"),
  help: t(
    "Updates a contact by ID. A new phone or email is added to the contact's existing ones, which are kept.",
    "Обновляет контакт по ID. Новый телефон или email добавляется к уже существующим, старые сохраняются.",
  ),
  input: z.object({ id: field(z.coerce.string().min(1), t("Contact ID", "ID контакта")), ...contactFields }),
  output: writeOutput,
  async run(ctx) {
    const { id, ...fields } = ctx.input;
    const updatedId = await updateContact(client(ctx), id, fields);
    return { id: updatedId, created: 0, updated: 1, matched_by: "" };
  },
});

export const amocrm = defineConnector({
  app: "amocrm",
  label: t("amoCRM", "amoCRM"),
  help: t(
    "Contacts in amoCRM or Kommo. Connect with a long-lived token of a private integration, or with OAuth (tokens are refreshed and stored encrypted).",
    "Контакты в amoCRM или Kommo. Подключение через долгосрочный токен приватной интеграции или через OAuth (токены обновляются и хранятся в зашифрованном виде).",
  ),
  connection: {
    fields: connection,
    secret: ["access_token", "client_secret", "refresh_token"],
    async test(ctx) {
      await client(ctx).get("/api/v4/account");
    },
    oauth: amoOAuth,
  },
  triggers: {},
  actions: { find_contact: findContact, create_contact: createContactAction, update_contact: updateContactAction },
});
