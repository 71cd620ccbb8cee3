// Gmail: send an email from the connected account (OAuth 2.0, scope gmail.send). Cyrillic
// subjects and names are encoded per RFC 2047; a text and an HTML body go as alternatives.
import { z } from "zod";
import { baseUrl, defineAction, defineConnector, field, isBlank, readConnection, t, text } from "../fields";
import { ConnectorError, type ConnectorContext } from "../types";
import { GOOGLE_TOKEN_URL, googleOAuth } from "../google-auth";
import { GMAIL_API, GMAIL_SEND_SCOPE, GmailClient } from "./client";
import { buildMime, rawMessage, splitAddresses } from "./mime";

const connection = z
  .object({
    access_token: field(z.string().optional(), t("Access token", "Токен доступа")),
    refresh_token: field(z.string().optional(), t("Refresh token", "Токен обновления"), t("Lets Svyazka renew the access token.", "Позволяет Связке обновлять токен доступа.")),
    client_id: field(z.string().optional(), t("OAuth client ID", "ID клиента OAuth")),
    client_secret: field(z.string().optional(), t("OAuth client secret", "Секрет клиента OAuth")),
    token_url: field(z.url().optional(), t("Token URL", "URL токенов")).meta({ default: GOOGLE_TOKEN_URL }),
    base_url: baseUrl(GMAIL_API, t("Only for a test double.", "Только для тестового двойника.")),
    expires_at: field(z.union([z.string(), z.number()]).optional(), t("Access token expiry (Unix seconds)", "Срок действия токена доступа (Unix-время)")),
  })
  .refine((c) => c.access_token || (c.refresh_token && c.client_id && c.client_secret), {
    message: "Give an access token, or a refresh token with the OAuth client ID and secret.",
    path: ["access_token"],
  });

function gmailFor(ctx: ConnectorContext<unknown>) {
  return new GmailClient(readConnection(connection, ctx.connection, "Gmail"), ctx.http, ctx.store);
}

const sendEmail = defineAction({
  label: t("Send email", "Отправить письмо"),
  help: t("Sends an email from the connected Gmail account.", "Отправляет письмо с подключённого ящика Gmail."),
  input: z.object({
    to: text(t("To", "Кому"), t("One or more addresses, comma-separated.", "Один или несколько адресов через запятую.")).min(3),
    subject: text(t("Subject", "Тема")),
    body: field(z.string().optional(), t("Text", "Текст письма")),
    html: field(z.string().optional(), t("HTML", "HTML-версия"), t("Sent alongside the text, or alone.", "Отправляется вместе с текстом или вместо него.")),
    cc: field(z.string().optional(), t("Cc", "Копия")),
    bcc: field(z.string().optional(), t("Bcc", "Скрытая копия")),
    reply_to: field(z.string().optional(), t("Reply to", "Адрес для ответа")),
    from: field(z.string().optional(), t("From", "От кого"), t("e.g. Shop <shop@gmail.com>; empty = the account's address.", "Например, Магазин <shop@gmail.com>; пусто — адрес ящика.")),
    thread_id: field(z.string().optional(), t("Thread ID", "ID переписки")),
  }),
  output: z.object({
    id: field(z.string(), t("Message ID", "ID письма")),
    thread_id: field(z.string(), t("Thread ID", "ID переписки")),
  }),
  async run(ctx) {
    const { input } = ctx;
    const gmail = gmailFor(ctx);
    const mime = buildMime({
      // Without From, Gmail uses the account's address; another address must be a verified alias.
      from: isBlank(input.from) ? undefined : input.from,
      to: splitAddresses(input.to),
      cc: splitAddresses(input.cc),
      bcc: splitAddresses(input.bcc),
      replyTo: isBlank(input.reply_to) ? undefined : input.reply_to,
      subject: input.subject,
      text: isBlank(input.body) && !isBlank(input.html) ? undefined : (input.body ?? ""),
      html: isBlank(input.html) ? undefined : input.html,
    });
    const sent = await gmail.send(rawMessage(mime), isBlank(input.thread_id) ? undefined : input.thread_id);
    return { id: sent.id, thread_id: sent.threadId ?? "" };
  },
});

export const gmail = defineConnector({
  app: "gmail",
  label: t("Gmail", "Gmail"),
  help: t("Emails from a Gmail or Google Workspace account, connected with OAuth 2.0.", "Письма с ящика Gmail или Google Workspace, подключение через OAuth 2.0."),
  connection: {
    fields: connection,
    secret: ["access_token", "refresh_token", "client_secret"],
    managed: ["expires_at"],
    async test(ctx) {
      try {
        await gmailFor(ctx).profile();
      } catch (err) {
        // 403: the token works but has only the gmail.send scope, which cannot read the profile.
        if (!(err instanceof ConnectorError && err.options.status === 403)) throw err;
      }
    },
    oauth: googleOAuth(GMAIL_SEND_SCOPE, ["base_url"]),
  },
  triggers: {},
  actions: { send_email: sendEmail },
});
