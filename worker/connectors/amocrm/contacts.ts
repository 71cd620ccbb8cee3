// Contact operations shared by the actions and by dedup: search, create, and update with
// phones and emails merged into the existing ones.
import { pathSegment } from "../path-segment";
import { ConnectorError } from "../types";
import type { AmoClient } from "./client";
import { hasValue, mergedMultitext, multitextValues, newMultitext, normalisePhone, type AmoContact, type MultitextCode } from "./contact-fields";

export interface ContactFields {
  name?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  email?: string;
  responsible_user_id?: number;
  tags?: string[];
}

const SEARCH_PAGE_SIZE = 50;

/** The first hit of amoCRM's full-text search; 204 (nothing found, or empty query) is undefined. */
export async function searchContact(client: AmoClient, query: string): Promise<AmoContact | undefined> {
  for await (const page of client.pages<AmoContact>("/api/v4/contacts", "contacts", { query, limit: 1 }, 1)) return page[0];
  return undefined;
}

/**
 * A contact whose phone or email really equals one of `match` (amoCRM's search is fuzzy:
 * "912" finds every number containing it). Returns the key that matched.
 */
export async function findContactByKeys(
  client: AmoClient,
  match: { phone?: string; email?: string },
): Promise<{ contact: AmoContact; matchedBy: "phone" | "email" } | undefined> {
  const keys: Array<["phone" | "email", MultitextCode, string | undefined]> = [
    ["phone", "PHONE", match.phone],
    ["email", "EMAIL", match.email],
  ];
  for (const [key, code, value] of keys) {
    if (!value?.trim()) continue;
    // Searching the last 10 digits finds "+7 (912) …" and "8912…" alike.
    const query = code === "PHONE" ? normalisePhone(value) : value.trim();
    if (!query) continue;
    for await (const page of client.pages<AmoContact>("/api/v4/contacts", "contacts", { query, limit: SEARCH_PAGE_SIZE })) {
      const contact = page.find((candidate) => hasValue(candidate, code, value));
      if (contact) return { contact, matchedBy: key };
    }
  }
  return undefined;
}

export async function getContact(client: AmoClient, id: string): Promise<AmoContact> {
  const contact = (await client.get(`/api/v4/contacts/${pathSegment(id)}`)) as AmoContact | undefined;
  if (!contact) throw new ConnectorError({ en: `Contact ${id} not found in amoCRM.`, ru: `Контакта ${id} нет в amoCRM.` }, { status: 404, code: "not_found" });
  return contact;
}

export async function createContact(client: AmoClient, fields: ContactFields): Promise<string> {
  const customFields = [
    fields.phone ? newMultitext("PHONE", fields.phone) : undefined,
    fields.email ? newMultitext("EMAIL", fields.email) : undefined,
  ].filter((field) => field !== undefined);
  const contact = {
    ...plainFields(fields),
    ...(customFields.length ? { custom_fields_values: customFields } : {}),
    ...(fields.tags?.length ? { _embedded: { tags: fields.tags.map((name) => ({ name })) } } : {}),
  };
  // The endpoint takes an array even for one contact.
  const body = (await client.post("/api/v4/contacts", [contact])) as { _embedded?: { contacts?: Array<{ id?: number }> } } | undefined;
  const id = body?._embedded?.contacts?.[0]?.id;
  if (id === undefined) throw new ConnectorError({ en: "amoCRM accepted the contact but returned no id.", ru: "amoCRM принял контакт, но не вернул id." }, { code: "unexpected_response" });
  return String(id);
}

/** Updates the contact; a new phone or email is added to the existing ones, never replaces them. */
export async function updateContact(client: AmoClient, id: string, fields: ContactFields): Promise<string> {
  const existing = await getContact(client, id);
  const customFields = [
    fields.phone ? mergedMultitext(existing, "PHONE", fields.phone) : undefined,
    fields.email ? mergedMultitext(existing, "EMAIL", fields.email) : undefined,
  ].filter((field) => field !== undefined);
  const patch = {
    ...plainFields(fields),
    ...(customFields.length ? { custom_fields_values: customFields } : {}),
    ...(fields.tags?.length ? { tags_to_add: fields.tags.map((name) => ({ name })) } : {}),
  };
  if (Object.keys(patch).length === 0) return String(existing.id);
  await client.patch(`/api/v4/contacts/${pathSegment(id)}`, patch);
  return String(existing.id);
}

export function contactSummary(contact: AmoContact) {
  return {
    id: String(contact.id),
    name: contact.name ?? "",
    phone: multitextValues(contact, "PHONE")[0] ?? "",
    email: multitextValues(contact, "EMAIL")[0] ?? "",
  };
}

function plainFields(fields: ContactFields) {
  const plain: Record<string, unknown> = {};
  for (const key of ["name", "first_name", "last_name", "responsible_user_id"] as const) {
    if (fields[key] !== undefined && fields[key] !== "") plain[key] = fields[key];
  }
  return plain;
}
