// Agreement (order) operations shared by the actions and by dedup.
import { pathSegment } from "../path-segment";
import { ConnectorError } from "../types";
import type { Text } from "../../i18n/text";
import type { KeepinClient, KeepinList } from "./client";

export interface OrderFields {
  title?: string;
  total?: number;
  stage_id?: number;
  comment?: string;
  custom_fields?: Array<{ name: string; value: unknown }>;
}

export interface NewOrderFields extends OrderFields {
  client_name?: string;
  phone?: string;
  email?: string;
}

interface KeepinClientRecord {
  id: number;
  phones?: unknown[];
  emails?: unknown[];
}

interface Agreement {
  id: number;
  [key: string]: unknown;
}

/** The last 10 digits: +380 67… = 067…, +7 912… = 8 912…. */
const phoneKey = (phone: string) => phone.replace(/\D/g, "").slice(-10);
const emailKey = (email: string) => email.trim().toLowerCase();
/** Phones and emails come as strings; objects with `value` are accepted too [unc]. */
const valueOf = (entry: unknown) => String(entry && typeof entry === "object" ? ((entry as { value?: unknown }).value ?? "") : (entry ?? ""));

function orderBody(fields: OrderFields) {
  const body: Record<string, unknown> = {};
  for (const key of ["title", "total", "stage_id", "comment", "custom_fields"] as const) {
    if (fields[key] !== undefined) body[key] = fields[key];
  }
  return body;
}

function idOf(body: unknown, what: Text): string {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (id === undefined || id === null) throw new ConnectorError({ en: `KeepinCRM ${what.en} but returned no id.`, ru: `KeepinCRM ${what.ru}, но не вернул id.` }, { code: "unexpected_response" });
  return String(id);
}

export async function createOrder(client: KeepinClient, fields: NewOrderFields): Promise<string> {
  const { client_name, phone, email, ...order } = fields;
  const person: Record<string, unknown> = {};
  if (client_name) person.person = client_name;
  if (email) person.email = email;
  if (phone) person.phones = [phone];
  const body = { ...orderBody(order), ...(Object.keys(person).length ? { client_attributes: person } : {}) };
  return idOf(await client.call("POST", "/agreements", { json: body }), { en: "accepted the order", ru: "принял заказ" });
}

export async function updateOrder(client: KeepinClient, id: string, fields: OrderFields): Promise<string> {
  const body = await client.call("PATCH", `/agreements/${pathSegment(id)}`, {
    json: orderBody(fields),
    notFound: { en: `Order ${id} not found in KeepinCRM.`, ru: `Заказа ${id} нет в KeepinCRM.` },
  });
  // PATCH is documented as 200 with the agreement; an empty body still means success.
  return body === undefined ? id : idOf(body, { en: "updated the order", ru: "обновил заказ" });
}

/**
 * An existing order of a client whose phone or email equals the given one. The filter names
 * `q[phones_cont]` and `q[emails_cont]` follow KeepinCRM's Ransack-style filters but are
 * UNCONFIRMED (external-apis.md §2): the results are checked for an exact match here, so a
 * filter the API ignores costs a larger page, not a wrong match.
 */
export async function findOrderByClient(
  client: KeepinClient,
  match: { phone?: string; email?: string },
): Promise<{ id: string; record: Agreement; matchedBy: "phone" | "email" } | undefined> {
  const searches = [
    { key: "phone" as const, value: match.phone, filter: "q[phones_cont]", norm: phoneKey, field: "phones" as const },
    { key: "email" as const, value: match.email, filter: "q[emails_cont]", norm: emailKey, field: "emails" as const },
  ];
  for (const search of searches) {
    const wanted = search.value ? search.norm(search.value) : "";
    if (!wanted) continue;
    const list = (await client.call("GET", "/clients", { query: { [search.filter]: wanted } })) as KeepinList<KeepinClientRecord> | undefined;
    const owner = (list?.items ?? []).find((candidate) => (candidate[search.field] ?? []).some((entry) => search.norm(valueOf(entry)) === wanted));
    if (!owner) continue;
    const agreements = (await client.call("GET", "/agreements", { query: { "q[client_id_eq]": owner.id } })) as KeepinList<Agreement> | undefined;
    // `q[client_id_eq]` is unconfirmed too: keep only orders that name this client (as
    // client_id or client.id), so an ignored filter cannot make us update someone else's order.
    const owned = (agreements?.items ?? []).filter((a) => String(a.client_id ?? (a.client as { id?: unknown } | undefined)?.id) === String(owner.id));
    // The newest order of that client: the one a repeated event most likely refers to.
    const newest = owned.reduce<Agreement | undefined>((best, item) => (!best || item.id > best.id ? item : best), undefined);
    if (newest) return { id: String(newest.id), record: newest, matchedBy: search.key };
  }
  return undefined;
}
