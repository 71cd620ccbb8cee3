// amoCRM (and Kommo, same API v4): find, create and update contacts. Creating accepts dedup
// on phone or email; updating merges phones and emails into the existing ones.
import { z } from "zod";
import type { ActionDeclaration, ConnectorContext, ConnectorDeclaration, DedupSupport } from "../types";
import { AmoClient, type AmoConnection } from "./client";
import { amoOAuth } from "./oauth";
import { contactSummary, createContact, findContactByKeys, searchContact, updateContact, type ContactFields } from "./contacts";
import { looksLikePhone, normalisePhone } from "./contact-fields";

/** Form fields left empty arrive as "" (or null from a mapping): treat them as absent. */
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const text = (en: string, ru: string) => z.preprocess(blank, z.string().optional()).meta({ label: { en, ru } });

const connectionFields = z
  .object({
    subdomain: text("Account subdomain (xxx in xxx.amocrm.ru)", "Поддомен аккаунта (xxx в xxx.amocrm.ru)"),
    base_url: text("Account URL (instead of the subdomain, e.g. https://xxx.kommo.com)", "Адрес аккаунта (вместо поддомена, например https://xxx.kommo.com)"),
    access_token: text("Long-lived token (or the current OAuth access token)", "Долгосрочный токен (или текущий OAuth access token)"),
    client_id: text("OAuth: integration ID", "OAuth: ID интеграции"),
    client_secret: text("OAuth: secret key", "OAuth: секретный ключ"),
    refresh_token: text("OAuth: refresh token", "OAuth: refresh token"),
    redirect_uri: text("OAuth: redirect URI", "OAuth: адрес перенаправления"),
    expires_at: z
      .preprocess(blank, z.union([z.string(), z.number()]).optional())
      .meta({ label: { en: "OAuth: access token expiry", ru: "OAuth: срок действия access token" } }),
  })
  .refine((c) => Boolean(c.subdomain || c.base_url), { message: "Give the subdomain or the base_url.", path: ["subdomain"] })
  .refine((c) => Boolean(c.access_token || c.refresh_token), {
    message: "Give a long-lived access_token, or client_id, client_secret and refresh_token.",
    path: ["access_token"],
  });

type Connection = z.infer<typeof connectionFields>;

const contactFields = {
  name: text("Full name", "Имя контакта"),
  first_name: text("First name", "Имя"),
  last_name: text("Last name", "Фамилия"),
  phone: text("Phone", "Телефон"),
  email: text("Email", "Email"),
  responsible_user_id: z
    .preprocess(blank, z.coerce.number().int().positive().optional())
    .meta({ label: { en: "Responsible user ID", ru: "ID ответственного" } }),
  tags: z
    .preprocess(blank, z.union([z.string(), z.array(z.string())]).optional())
    .transform((tags) => (typeof tags === "string" ? tags.split(",") : tags)?.map((tag) => tag.trim()).filter(Boolean))
    .meta({ label: { en: "Tags (comma-separated)", ru: "Теги (через запятую)" } }),
};

const createInput = z.object(contactFields);
const updateInput = z.object({
  id: z.coerce.string().min(1).meta({ label: { en: "Contact ID", ru: "ID контакта" } }),
  ...contactFields,
});

const writeOutput = z.object({
  id: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  matched_by: z.string(),
});

function client(ctx: ConnectorContext<Connection>) {
  return new AmoClient(ctx.connection as AmoConnection, ctx.http, ctx.store);
}

function contactInput(input: Partial<z.infer<typeof createInput>>): ContactFields {
  return input;
}

const contactDedup: DedupSupport<z.infer<typeof createInput>, Connection> = {
  keys: { phone: "phone", email: "email" },
  async find(ctx, match) {
    const found = await findContactByKeys(client(ctx), match);
    return found ? { id: String(found.contact.id), record: found.contact } : undefined;
  },
  async update(ctx, id, fields) {
    const updatedId = await updateContact(client(ctx), id, contactInput(fields));
    return { id: updatedId, created: 0, updated: 1, matched_by: "" };
  },
};

const findInput = z.object({ query: z.coerce.string().min(1).meta({ label: { en: "Search query", ru: "Строка поиска" } }) });
const findOutput = z.object({
  found: z.number().int(),
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  email: z.string(),
  contact: z.unknown(),
});

const findContact: ActionDeclaration<typeof findInput, typeof findOutput, Connection> = {
  label: { en: "Find contact", ru: "Поиск контакта" },
  help: {
    en: "Searches contacts by any filled field (name, phone, email…) and returns the first one. Nothing found is a success with found = 0.",
    ru: "Ищет контакт по любому заполненному полю (имя, телефон, email…) и возвращает первый найденный. Если ничего не найдено, шаг успешен и found = 0.",
  },
  input: findInput,
  output: findOutput,
  async run(ctx) {
    // A phone written as "8 (912) 345-67-89" finds "+79123456789" only by its digits.
    const query = looksLikePhone(ctx.input.query) ? normalisePhone(ctx.input.query) : ctx.input.query;
    const contact = await searchContact(client(ctx), query);
    if (!contact) return { found: 0, id: "", name: "", phone: "", email: "", contact: null };
    return { found: 1, ...contactSummary(contact), contact };
  },
};

const newContact: ActionDeclaration<typeof createInput, typeof writeOutput, Connection> = {
  label: { en: "New contact", ru: "Новый контакт" },
  help: {
    en: "Creates a contact with a phone and an email. With dedup on, a contact with the same phone or email is updated instead.",
    ru: "Создаёт контакт с телефоном и email. При включённой проверке дублей контакт с тем же телефоном или email обновляется вместо создания нового.",
  },
  input: createInput,
  output: writeOutput,
  dedup: contactDedup,
  async run(ctx) {
    const id = await createContact(client(ctx), contactInput(ctx.input));
    return { id, created: 1, updated: 0, matched_by: "" };
  },
};

const updateContactAction: ActionDeclaration<typeof updateInput, typeof writeOutput, Connection> = {
  label: { en: "Update contact", ru: "Обновить контакт" },
  help: {
    en: "Updates a contact by ID. A new phone or email is added to the contact's existing ones, which are kept.",
    ru: "Обновляет контакт по ID. Новый телефон или email добавляется к уже существующим, старые сохраняются.",
  },
  input: updateInput,
  output: writeOutput,
  async run(ctx) {
    const { id, ...fields } = ctx.input;
    const updatedId = await updateContact(client(ctx), id, contactInput(fields));
    return { id: updatedId, created: 0, updated: 1, matched_by: "" };
  },
};

export const amocrm: ConnectorDeclaration<typeof connectionFields> = {
  app: "amocrm",
  label: { en: "amoCRM", ru: "amoCRM" },
  help: {
    en: "Contacts in amoCRM or Kommo. Connect with a long-lived token of a private integration, or with OAuth (tokens are refreshed and stored encrypted).",
    ru: "Контакты в amoCRM или Kommo. Подключение через долгосрочный токен приватной интеграции или через OAuth (токены обновляются и хранятся в зашифрованном виде).",
  },
  connection: {
    fields: connectionFields,
    secret: ["access_token", "client_secret", "refresh_token"],
    async test(ctx) {
      await client(ctx).get("/api/v4/account");
    },
    oauth: amoOAuth,
  },
  triggers: {},
  actions: {
    find_contact: findContact,
    create_contact: newContact,
    update_contact: updateContactAction,
  },
};
