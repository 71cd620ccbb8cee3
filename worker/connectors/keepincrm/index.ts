// KeepinCRM: create and update orders (agreements, «угоди»). Creating accepts dedup on the
// client's phone or email: the client's newest existing order is updated instead.
import { z } from "zod";
import type { ActionDeclaration, ConnectorDeclaration, DedupSupport, HttpClient } from "../types";
import { DEFAULT_BASE_URL, KeepinClient, type KeepinConnection } from "./client";
import { createOrder, findOrderByClient, updateOrder } from "./orders";

/** Form fields left empty arrive as "" (or null from a mapping): treat them as absent. */
const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const label = (en: string, ru: string) => ({ label: { en, ru } });
const text = (en: string, ru: string) => z.preprocess(blank, z.string().optional()).meta(label(en, ru));

const connectionFields = z.object({
  api_key: z.string().min(1).meta(label("API key (Settings → API)", "API-ключ (Налаштування → API / Настройки → API)")),
  base_url: z
    .preprocess(blank, z.string().url().optional())
    .meta({ ...label("API address", "Адрес API"), default: DEFAULT_BASE_URL }),
});

type Connection = z.infer<typeof connectionFields>;

/**
 * Custom fields as `[{name, value}]` (name = the field key, e.g. "oplata_334"), or an object
 * `{key: value}` which is turned into that list.
 */
const customFields = z
  .preprocess(
    blank,
    z.union([z.array(z.object({ name: z.string(), value: z.unknown() })), z.record(z.string(), z.unknown())]).optional(),
  )
  .transform((fields) => (fields === undefined || Array.isArray(fields) ? fields : Object.entries(fields).map(([name, value]) => ({ name, value }))))
  .meta(label("Custom fields (key → value)", "Дополнительные поля (ключ → значение)"));

const orderFields = {
  title: text("Order title", "Название заказа"),
  total: z.preprocess(blank, z.coerce.number().nonnegative().optional()).meta(label("Total", "Сумма")),
  stage_id: z.preprocess(blank, z.coerce.number().int().positive().optional()).meta(label("Stage ID", "ID этапа")),
  comment: text("Comment", "Комментарий"),
  custom_fields: customFields,
};

const createInput = z.object({
  ...orderFields,
  client_name: text("Client name", "Имя клиента"),
  phone: text("Client phone", "Телефон клиента"),
  email: text("Client email", "Email клиента"),
});
const updateInput = z.object({ id: z.coerce.string().min(1).meta(label("Order ID", "ID заказа")), ...orderFields });
const orderOutput = z.object({ id: z.string() });

const client = (ctx: { connection: Connection; http: HttpClient }) => new KeepinClient(ctx.connection as KeepinConnection, ctx.http);

const orderDedup: DedupSupport<z.infer<typeof createInput>, Connection> = {
  keys: { phone: "phone", email: "email" },
  async find(ctx, match) {
    const found = await findOrderByClient(client(ctx), match);
    return found && { id: found.id, record: found.record };
  },
  async update(ctx, id, fields) {
    return { id: await updateOrder(client(ctx), id, fields) };
  },
};

const newOrder: ActionDeclaration<typeof createInput, typeof orderOutput, Connection> = {
  label: { en: "New order", ru: "Новый заказ" },
  help: {
    en: "Creates an order (agreement) with a new client from the name, phone and email. With dedup on, the newest order of a client with the same phone or email is updated instead.",
    ru: "Создаёт заказ (угоду) с новым клиентом из имени, телефона и email. При включённой проверке дублей вместо этого обновляется последний заказ клиента с тем же телефоном или email.",
  },
  input: createInput,
  output: orderOutput,
  dedup: orderDedup,
  async run(ctx) {
    return { id: await createOrder(client(ctx), ctx.input) };
  },
};

const updateOrderAction: ActionDeclaration<typeof updateInput, typeof orderOutput, Connection> = {
  label: { en: "Update order", ru: "Обновить заказ" },
  help: {
    en: "Changes an order (agreement) by ID: title, total, stage, comment, custom fields. An order that does not exist fails the step.",
    ru: "Изменяет заказ (угоду) по ID: название, сумму, этап, комментарий, дополнительные поля. Если заказа нет, шаг завершается ошибкой.",
  },
  input: updateInput,
  output: orderOutput,
  async run(ctx) {
    const { id, ...fields } = ctx.input;
    return { id: await updateOrder(client(ctx), id, fields) };
  },
};

export const keepincrm: ConnectorDeclaration<typeof connectionFields> = {
  app: "keepincrm",
  label: { en: "KeepinCRM", ru: "KeepinCRM" },
  help: {
    en: "Orders (agreements) in KeepinCRM. Connect with the account's API key.",
    ru: "Заказы (угоды) в KeepinCRM. Подключение по API-ключу аккаунта.",
  },
  connection: {
    fields: connectionFields,
    secret: ["api_key"],
    async test(ctx) {
      await client(ctx).call("GET", "/clients/statuses");
    },
  },
  triggers: {},
  actions: {
    create_order: newOrder,
    update_order: updateOrderAction,
  },
};
