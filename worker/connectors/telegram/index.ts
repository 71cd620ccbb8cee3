// Telegram: send messages as a bot. Long texts are split into several messages, never cut;
// a chat is linked to the connection by a t.me/<bot>?start=<code> deep link
// (worker/routes/telegram-link.ts), and messages without a chat ID go there.
import { z } from "zod";
import { baseUrl, defineAction, defineConnector, field, isBlank, readConnection, t, text } from "../fields";
import { ConnectorError, type ConnectorContext } from "../types";
import { TELEGRAM_API, TelegramClient, TelegramError } from "./client";
import { splitMessage } from "./messages";

const connection = z.object({
  bot_token: field(z.string().regex(/^\d+:[\w-]+$/, "A bot token looks like 123456:ABC-DEF…"), t("Bot token", "Токен бота"), t("From @BotFather.", "Выдаёт @BotFather.")),
  base_url: baseUrl(TELEGRAM_API, t("Only for a self-hosted Bot API server.", "Только для своего сервера Bot API.")),
  chat_id: field(
    z.string().optional(),
    t("Linked chat", "Привязанный чат"),
    t("Set when someone presses Start in the link from Svyazka; used when a step gives no chat ID.", "Заполняется, когда в чате нажимают Start по ссылке из Связки; используется, если в шаге не указан ID чата."),
  ),
});

export function telegramFor(ctx: ConnectorContext<unknown>) {
  const c = readConnection(connection, ctx.connection, "Telegram");
  return new TelegramClient(ctx.http, c.bot_token, c.base_url);
}

const sendMessage = defineAction({
  label: t("Send message", "Отправить сообщение"),
  help: t("Sends a text to a chat. Text over 4096 characters goes as several messages.", "Отправляет текст в чат. Текст длиннее 4096 символов уходит несколькими сообщениями."),
  input: z.object({
    chat_id: field(z.union([z.string(), z.number()]).optional(), t("Chat ID", "ID чата"), t("A number, or @channelname; empty = the chat linked to the connection.", "Число или @имя_канала; пусто — чат, привязанный к подключению.")),
    text: text(t("Text", "Текст")).min(1),
    parse_mode: field(z.enum(["", "HTML", "MarkdownV2", "Markdown"]).optional(), t("Formatting", "Форматирование"), t("Empty = plain text.", "Пусто — обычный текст.")),
    disable_notification: field(z.boolean().optional(), t("Silent", "Без звука")),
    disable_link_preview: field(z.boolean().optional(), t("No link preview", "Без превью ссылок")),
    message_thread_id: field(z.union([z.string(), z.number()]).optional(), t("Topic ID", "ID темы")),
  }),
  output: z.object({
    message_id: field(z.number(), t("Message ID", "ID сообщения"), t("Of the first part.", "Первой части.")),
    message_ids: field(z.array(z.number()), t("Message IDs", "ID сообщений")),
    chat_id: field(z.union([z.number(), z.string()]), t("Chat ID", "ID чата")),
    parts: field(z.number(), t("Parts sent", "Отправлено частей")),
  }),
  async run(ctx) {
    const bot = telegramFor(ctx);
    const { input } = ctx;
    const linked = readConnection(connection, ctx.connection, "Telegram").chat_id;
    let chatId: string | number | undefined = isBlank(input.chat_id) ? linked : input.chat_id;
    if (isBlank(chatId)) {
      throw new ConnectorError(
        { en: "No chat to send to: give a chat ID, or link a chat to the Telegram connection.", ru: "Некуда отправлять: укажите ID чата или привяжите чат к подключению Telegram." },
        { code: "validation" },
      );
    }
    const parts = splitMessage(input.text);
    if (parts.length > 1) ctx.log({ en: `text of ${input.text.length} characters sent as ${parts.length} messages`, ru: `текст из ${input.text.length} символов отправлен ${parts.length} сообщениями` });
    const ids: number[] = [];
    for (const part of parts) {
      const params = {
        text: part,
        parse_mode: input.parse_mode || undefined,
        disable_notification: input.disable_notification,
        link_preview_options: input.disable_link_preview ? { is_disabled: true } : undefined,
        message_thread_id: input.message_thread_id === "" ? undefined : input.message_thread_id,
      };
      const send = () => bot.call<{ message_id: number; chat: { id: number } }>("sendMessage", { chat_id: chatId, ...params });
      let message;
      try {
        message = await send();
      } catch (err) {
        // A group that became a supergroup has a new id: Telegram names it, send there.
        const migrated = err instanceof TelegramError ? err.reply.parameters?.migrate_to_chat_id : undefined;
        if (!migrated) throw err;
        ctx.log({ en: `chat ${chatId} moved to ${migrated}; update the chat ID in the bundle`, ru: `чат ${chatId} переехал в ${migrated}; обновите ID чата в связке` });
        chatId = migrated;
        message = await send();
      }
      ids.push(message.message_id);
      chatId = message.chat?.id ?? chatId;
    }
    return { message_id: ids[0], message_ids: ids, chat_id: chatId, parts: ids.length };
  },
});

export const telegram = defineConnector({
  app: "telegram",
  label: t("Telegram", "Telegram"),
  help: t("Messages from your bot. Create the bot with @BotFather.", "Сообщения от вашего бота. Бота создаёт @BotFather."),
  connection: {
    fields: connection,
    secret: ["bot_token"],
    managed: ["chat_id"],
    async test(ctx) {
      await telegramFor(ctx).call("getMe");
    },
  },
  triggers: {},
  actions: { send_message: sendMessage },
});
