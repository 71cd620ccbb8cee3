// KeepinCRM: create and update orders (agreements, «угоди»). Creating accepts dedup on the
// client's phone or email: the client's newest existing order is updated instead.
import { z } from "zod";
import { defineAction, defineConnector, emptyAsAbsent, field, optionalText, t } from "../fields";
import type { ConnectorContext } from "../types";
import { DEFAULT_BASE_URL, KeepinClient, type KeepinConnection } from "./client";
import { createOrder, findOrderByClient, updateOrder } from "./orders";

const connection = z.object({
  api_key: field(z.string().min(1), t("API key (Settings → API)", "API-ключ (Налаштування → API / Настройки → API)")),
  base_url: field(emptyAsAbsent(z.string().url().optional()), t("API address", "Адрес API")).meta({ default: DEFAULT_BASE_URL }),
});

const client = (ctx: ConnectorContext<unknown>) => new KeepinClient(ctx.connection as KeepinConnection, ctx.http);

const orderFields = {
  title: optionalText(t("Order title", "Название заказа")),
  total: field(emptyAsAbsent(z.coerce.number().nonnegative().optional()), t("Total", "Сумма")),
  stage_id: field(emptyAsAbsent(z.coerce.number().int().positive().optional()), t("Stage ID", "ID этапа")),
  comment: optionalText(t("Comment", "Комментарий")),
  // As [{name, value}] (name = the field key, e.g. "oplata_334"), or an object {key: value} turned into that list.
  custom_fields: field(
    emptyAsAbsent(z.union([z.array(z.object({ name: z.string(), value: z.unknown() })), z.record(z.string(), z.unknown())]).optional()).transform((fields) =>
      fields === undefined || Array.isArray(fields) ? fields : Object.entries(fields).map(([name, value]) => ({ name, value })),
    ),
    t("Custom fields (key → value)", "Дополнительные поля (ключ → значение)"),
  ),
};

const orderOutput = z.object({ id: z.string() });

const createOrderAction = defineAction({
  label: t("New order", "Новый заказ"),
  help: t(
    "Creates an order (agreement) with a new client from the name, phone and email. With dedup on, the newest order of a client with the same phone or email is updated instead.",
    "Создаёт заказ (угоду) с новым клиентом из имени, телефона и email. При включённой проверке дублей вместо этого обновляется последний заказ клиента с тем же телефоном или email.",
  ),
  input: z.object({
    ...orderFields,
    client_name: optionalText(t("Client name", "Имя клиента")),
    phone: optionalText(t("Client phone", "Телефон клиента")),
    email: optionalText(t("Client email", "Email клиента")),
  }),
  output: orderOutput,
  dedup: {
    keys: { phone: "phone", email: "email" },
    async find(ctx, match) {
      const found = await findOrderByClient(client(ctx), match);
      return found && { id: found.id, record: found.record };
    },
    async update(ctx, id, fields) {
      return { id: await updateOrder(client(ctx), id, fields) };
    },
  },
  async run(ctx) {
    return { id: await createOrder(client(ctx), ctx.input) };
  },
});

const updateOrderAction = defineAction({
  label: t("Update order", "Обновить заказ"),
  help: t(
    "Changes an order (agreement) by ID: title, total, stage, comment, custom fields. An order that does not exist fails the step.",
    "Изменяет заказ (угоду) по ID: название, сумму, этап, комментарий, дополнительные поля. Если заказа нет, шаг завершается ошибкой.",
  ),
  input: z.object({ id: field(z.coerce.string().min(1), t("Order ID", "ID заказа")), ...orderFields }),
  output: orderOutput,
  async run(ctx) {
    const { id, ...fields } = ctx.input;
    return { id: await updateOrder(client(ctx), id, fields) };
  },
});

export const keepincrm = defineConnector({
  app: "keepincrm",
  label: t("KeepinCRM", "KeepinCRM"),
  help: t("Orders (agreements) in KeepinCRM. Connect with the account's API key.", "Заказы (угоды) в KeepinCRM. Подключение по API-ключу аккаунта."),
  connection: {
    fields: connection,
    secret: ["api_key"],
    async test(ctx) {
      await client(ctx).call("GET", "/clients/statuses");
    },
  },
  triggers: {},
  actions: { create_order: createOrderAction, update_order: updateOrderAction },
});
