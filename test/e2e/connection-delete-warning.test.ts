// Deleting a linked Telegram connection whose bot can no longer be reached: the delete
// succeeds, and the page says (in the UI's language) that the bot's webhook is still set and
// what to do, with the server's Svyazka-Warning text as the detail.
import { expect, inject, test } from "vitest";
import { apiCall, telegramConnection } from "./support/api";
import { browserForFile } from "./support/browser-per-file";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile({ acceptDialogs: true });

test("in Russian, a delete that leaves the bot's webhook behind says so, and what to do", async () => {
  const { page } = browser;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("tg-warning"), workspace: "Цветы" });
  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("heading", { name: "Мои связки", level: 1 }).waitFor();

  const id = await telegramConnection(page, workspaceId, "Бот продаж");
  expect((await apiCall(page, "POST", `/w/${workspaceId}/connections/${id}/telegram/link`)).status).toBe(200);
  // The token was revoked at @BotFather since: the webhook can no longer be asked about or removed.
  expect((await apiCall(page, "PATCH", `/w/${workspaceId}/connections/${id}`, { fields: { bot_token: "999:revoked-token" } })).status).toBe(200);

  await page.goto(`${baseUrl}/w/${workspaceId}/connections`);
  await page.getByRole("button", { name: "Удалить Бот продаж", exact: true }).click();
  const warning = page.getByRole("alert").filter({ hasText: "снять вебхук его бота в Telegram не удалось" });
  await warning.waitFor();
  const text = (await warning.textContent()) ?? "";
  expect(text).toContain("Подключение «Бот продаж» удалено");
  expect(text).toContain("deleteWebhook");
  expect(text).toMatch(/Сообщение сервера: The bot's Telegram webhook could not be removed: Telegram rejected the bot token/);
  expect(text).not.toContain("999:revoked-token");
  expect(await page.getByRole("heading", { name: "Бот продаж" }).count()).toBe(0);
  await screenshot(page, "connection-delete-warning-ru");
});
