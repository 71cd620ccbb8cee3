// The templates gallery as a new user meets it (issue 20): New bundle offers ready bundles; the
// webhook → Telegram one, in a workspace with no Telegram connection yet, asks only for that
// connection and offers the Connections page's form right there; the new connection is chosen,
// the bundle opens in the editor using it, and once switched on a delivery to its URL sends a
// message through the Telegram double. In Russian the gallery and a seed flow's set-up (VK →
// amoCRM) are worded in Russian and ask for VK and amoCRM.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { FAKE_BOT_TOKEN } from "../fakes/telegram.ts";
import { apiCall } from "./support/api";
import { browserForFile } from "./support/browser-per-file";
import { BUNDLES_URL, screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const fakes = inject("fakes");
const browser = browserForFile();
let workspaceId: string;

/** The texts the Telegram double has received for this chat. */
async function sentTo(chat: string) {
  const state = (await (await fetch(`${fakes["telegram.fake"]}/__admin/state`)).json()) as { messages: Array<{ chat_id: string | number; text: string }> };
  return state.messages.filter((m) => String(m.chat_id) === chat).map((m) => m.text);
}

/** The cards of the gallery, by their titles. */
async function galleryTitles(page: Page, heading: string) {
  const gallery = page.getByRole("region", { name: heading });
  await gallery.waitFor();
  return gallery.getByRole("heading", { level: 3 }).allTextContents();
}

test("a webhook → Telegram template asks only for Telegram, creates the connection in place, and its bundle delivers", async () => {
  const { page } = browser;
  workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("newcomer"), workspace: "First Steps" });
  const chat = `-100${Date.now() % 1_000_000}`;

  await page.getByRole("link", { name: "New bundle" }).click();
  await page.getByRole("heading", { name: "New bundle", level: 1 }).waitFor();
  expect(await galleryTitles(page, "Start from a template")).toEqual([
    "Webhook → Telegram message",
    "Form or webhook → Google Sheets row",
    "CRM event → Gmail email",
    "VK lead form → amoCRM contact without duplicates",
    "Google Sheets rows → KeepinCRM order, alert in Telegram",
  ]);
  // the editor on an empty bundle is still there, below
  await page.getByRole("heading", { name: "Or build your own" }).waitFor();
  await screenshot(page, "templates-gallery");

  await page.getByRole("link", { name: "Use template: Webhook → Telegram message" }).click();
  await page.waitForURL((url) => url.searchParams.get("template") === "webhook-telegram-message");
  const setup = page.getByRole("region", { name: "Webhook → Telegram message" });
  await setup.waitFor();
  // one app to connect, Telegram, with no connection yet: its form is open in place
  await setup.getByText("There is no Telegram connection in this workspace yet. Create it here:").waitFor();
  expect(await setup.getByText(/^Connection “.+” \(.+\)$/).allTextContents()).toEqual(["Connection “telegram” (Telegram)"]);
  expect(await setup.getByRole("heading", { name: /^New .+ connection$/ }).allTextContents()).toEqual(["New Telegram connection"]);
  const inPlace = setup.getByRole("region", { name: "New Telegram connection" });
  await inPlace.getByLabel("Connection name").fill("Shop bot");
  await inPlace.getByLabel("Bot token").fill(FAKE_BOT_TOKEN);
  await inPlace.getByLabel("Base URL").fill(fakes["telegram.fake"]);
  await inPlace.getByRole("button", { name: "Save and test" }).click();

  // back to the set-up with the new connection chosen
  await setup.getByRole("status").filter({ hasText: "“Shop bot” is created and chosen." }).waitFor();
  expect(await inPlace.count()).toBe(0);
  const connections = (await apiCall(page, "GET", `/w/${workspaceId}/connections`)).json.items as Array<{ id: string; name: string; app: string }>;
  expect(connections.map((c) => [c.name, c.app])).toEqual([["Shop bot", "telegram"]]);
  const connectionId = connections[0].id;
  const choice = setup.getByLabel("Connection “telegram” (Telegram)");
  expect(await choice.inputValue()).toBe(connectionId);
  expect(await choice.locator("option:checked").textContent()).toBe("Shop bot");
  expect(await page.content()).not.toContain(FAKE_BOT_TOKEN);
  await screenshot(page, "templates-setup");

  await setup.getByRole("button", { name: "Create bundle" }).click();
  await page.waitForURL(new RegExp(`/w/${workspaceId}/bundles/(?!new)[^/?]+$`));
  expect(await page.getByLabel("Bundle name").inputValue()).toBe("Webhook → Telegram message");
  const step = page.locator('article.step[data-step-id="notify"]');
  await step.getByText("Telegram: Send message").waitFor();
  // the chat to write to, the one thing the template leaves open (no chat is linked to the bot)
  await step.locator("header button.toggle").click();
  expect(await step.getByLabel("Telegram connection").inputValue()).toBe(connectionId);
  await step.getByLabel("Chat ID", { exact: true }).fill(chat);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved as version 2.").waitFor();
  const webhookUrl = await page.getByLabel("Webhook URL").inputValue();
  const bundleId = new URL(page.url()).pathname.split("/").at(-1)!;
  const bundle = (await apiCall(page, "GET", `/w/${workspaceId}/bundles/${bundleId}`)).json;
  expect(bundle.enabled).toBe(false);
  expect(bundle.document.steps[0]).toMatchObject({ app: "telegram", action: "send_message", connection: connectionId, input: { chat_id: chat } });

  // switched on from the list, then a site form posts to the bundle's URL: the bot writes
  await page.getByRole("link", { name: "Bundles", exact: true }).click();
  await page.waitForURL(BUNDLES_URL);
  const switchOn = page.getByRole("switch", { name: "Bundle Webhook → Telegram message is on" });
  await switchOn.click();
  await expect.poll(() => switchOn.getAttribute("aria-checked")).toBe("true");
  const delivered = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Anna", phone: "+79991234567", message: "Two bouquets, please" }),
  });
  expect(delivered.status).toBeLessThan(300);
  await expect.poll(() => sentTo(chat), { timeout: 30_000, interval: 250 }).toEqual(["New request\nName: Anna\nPhone: +79991234567\nMessage: Two bouquets, please"]);
});

test("in Russian, the gallery and a seed flow's set-up are worded in Russian and ask for VK and amoCRM", async () => {
  const { page } = browser;
  await page.goto(`${baseUrl}/w/${workspaceId}/bundles`);
  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("link", { name: "Создать связку" }).click();
  await page.getByRole("heading", { name: "Новая связка", level: 1 }).waitFor();
  // the API words the templates in the dashboard's language
  await expect
    .poll(() => galleryTitles(page, "Начните с шаблона"))
    .toEqual([
      "Вебхук → сообщение в Telegram",
      "Форма или вебхук → строка Google Таблицы",
      "Событие CRM → письмо из Gmail",
      "Заявка ВКонтакте → контакт amoCRM без дублей",
      "Строки Google Таблицы → заказ KeepinCRM, тревога в Telegram",
    ]);
  await screenshot(page, "templates-ru");

  await page.getByRole("link", { name: "Взять шаблон: Заявка ВКонтакте → контакт amoCRM без дублей" }).click();
  const setup = page.getByRole("region", { name: "Заявка ВКонтакте → контакт amoCRM без дублей" });
  await setup.waitFor();
  await setup.getByText("Ищет контакт по телефону, затем по email").waitFor();
  // the workspace has a Telegram connection only: VK and amoCRM are asked for, each in place
  expect(await setup.getByText(/^Подключение «.+» \(.+\)$/).allTextContents()).toEqual(["Подключение «vk_group» (ВКонтакте)", "Подключение «amo» (amoCRM)"]);
  expect(await setup.getByRole("heading", { name: /^Новое подключение к / }).allTextContents()).toEqual(["Новое подключение к ВКонтакте", "Новое подключение к amoCRM"]);
  expect(await setup.getByText("Telegram").count()).toBe(0);
  await setup.getByRole("button", { name: "Создать связку" }).waitFor();
});
