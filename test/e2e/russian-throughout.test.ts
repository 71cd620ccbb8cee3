// Russian throughout (issue 20): a user whose browser speaks Russian walks every page of the
// dashboard — sign-up and log-in, the bundle list, New bundle with its templates, a template's
// set-up, the editor with its steps open, the runs and a failed run's log (an HTTP step's error
// and notes, a Stop step), connections, every settings tab, a share link and an error page —
// and no visible text may be English, except names and the data the test made itself
// (support/untranslated.ts). The audit table fits a 1366-pixel-wide laptop screen.
import { expect, inject, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import { apiCall, createBundle, forceRun, telegramConnection, waitForRun } from "./support/api";
import { browserForFile } from "./support/browser-per-file";
import { untranslatedWords } from "./support/untranslated";
import { BUNDLES_URL, PASSWORD, uniqueEmail, workspaceIdOf } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const fakes = inject("fakes");
const browser = browserForFile({ locale: "ru-RU", acceptDialogs: true });

/**
 * The text a user sees on the page: visible text outside data (code, JSON, text areas, the run
 * log's keys and values) and not marked as another language than the page's (`lang`, e.g.
 * "English" in the language switch), the placeholders of visible fields and the choices of visible selects.
 */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = "script, style, pre, code, textarea, .node .key, .leaf .key, .leaf .value";
    const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    const inPageLanguage = (el: Element) => el.closest("[lang]")?.getAttribute("lang") === document.documentElement.lang;
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(data) || parent.closest("select") || !shown(parent) || !inPageLanguage(parent)) continue;
      if (node.textContent?.trim()) parts.push(node.textContent.trim());
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[placeholder], textarea[placeholder]")) {
      if (shown(field)) parts.push(field.placeholder);
    }
    for (const select of document.querySelectorAll("select")) {
      if (shown(select)) for (const option of select.options) if (inPageLanguage(option)) parts.push(option.text);
    }
    return parts.join("\n");
  });
}

/** The data this test made, shown as written; filled in as it is made. */
const userData: string[] = [];

/** Fails (softly: every page is still walked) with the English words `page` shows, and where. */
async function expectRussian(page: Page, ready: Locator) {
  await ready.waitFor();
  const text = await visibleText(page);
  expect(text).toMatch(/[а-яё]/i); // the page's words were read
  const english = untranslatedWords(text, userData);
  const lines = text.split("\n").filter((line) => untranslatedWords(line, userData).length);
  expect.soft(english, `English on ${new URL(page.url()).pathname}, in:\n${lines.join("\n")}\n`).toEqual([]);
}

test("every page reads in Russian; the audit table fits 1366 px", async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 1366, height: 768 });
  const email = uniqueEmail("russkiy");
  const workspace = "Цветочная лавка";
  // a name left empty at sign-up is the email's local part, shown as the member's name
  userData.push(email, email.split("@")[0], workspace);

  // signed out: log-in and sign-up
  await page.goto(`${baseUrl}/login`);
  await expectRussian(page, page.getByRole("heading", { name: "Вход в Svyazka" }));
  await page.getByRole("link", { name: "Создать аккаунт" }).click();
  await expectRussian(page, page.getByRole("heading", { name: "Регистрация" }));
  await page.getByLabel("Эл. почта", { exact: true }).fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Название рабочего пространства", { exact: true }).fill(workspace);
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await page.waitForURL(BUNDLES_URL);
  const ws = workspaceIdOf(page);
  await expectRussian(page, page.getByRole("heading", { name: "Мои связки", level: 1 }));

  // the workspace's data: a bot, a bundle whose run has an HTTP error, notes and a Stop step,
  // a share link, an API key, an invitation
  const bot = "Бот продаж";
  const bundleName = "Заявки с сайта";
  const stopReason = "Клиента нет в CRM";
  const ids = ["hook", "notify", "lookup", "crm", "halt"];
  // "Unauthorized": the Telegram double's own words, which the run log shows as the service said them
  userData.push(bot, bundleName, stopReason, ...ids, "Unauthorized");
  const chat = `-100${Date.now() % 1_000_000}`;
  const connection = await telegramConnection(page, ws, bot);
  const bundle = await createBundle(page, ws, {
    format: "bundle/1",
    name: bundleName,
    trigger: { id: "hook", app: "webhook", event: "catch" },
    steps: [
      { id: "notify", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: chat, text: "Заявка: {{hook.name}}" } },
      { id: "lookup", kind: "action", app: "http", action: "request", input: { method: "GET", url: `${fakes["echo.fake"]}/clients?phone={{hook.phone}}` } },
      // a bot token Telegram does not know: the server answers 401, the run goes on
      { id: "crm", kind: "action", app: "http", action: "request", on_error: "continue", input: { method: "GET", url: `${fakes["telegram.fake"]}/bot1:unknown/getMe` } },
      { id: "halt", kind: "stop", status: "failed", reason: stopReason },
    ],
  });
  const runId = await forceRun(page, ws, bundle.id, { name: "Анна", phone: "+79991234567" });
  expect((await waitForRun(page, ws, runId)).status).toBe("failed");
  const share = await apiCall(page, "POST", `/w/${ws}/bundles/${bundle.id}/shares`, {});
  expect(share.status, JSON.stringify(share.json)).toBe(201);
  userData.push((share.json.token as string).slice(0, 6)); // the link's first characters name it in the audit log
  const keyName = "Ключ для сайта";
  const invitee = uniqueEmail("kollega");
  userData.push(keyName, invitee, invitee.split("@")[0]);
  expect((await apiCall(page, "POST", `/w/${ws}/api-keys`, { name: keyName, role: "editor" })).status).toBe(201);
  expect((await apiCall(page, "POST", `/w/${ws}/members`, { email: invitee, role: "viewer" })).status).toBe(201);

  // bundles: the list, New bundle with the templates, a template's set-up, the editor
  await page.goto(`${baseUrl}/w/${ws}/bundles`);
  await expectRussian(page, page.getByRole("link", { name: bundleName }));
  await page.getByRole("link", { name: "Создать связку" }).click();
  await expectRussian(page, page.getByRole("region", { name: "Начните с шаблона" }).getByRole("heading", { level: 3 }).first());
  await page.goto(`${baseUrl}/w/${ws}/bundles/new?template=sheets-rows-keepincrm-order`);
  await expectRussian(page, page.getByRole("heading", { name: /^Новое подключение к / }).first());
  await page.goto(`${baseUrl}/w/${ws}/bundles/${bundle.id}`);
  await page.getByLabel("Название связки").waitFor();
  for (const toggle of await page.locator("article.step header button.toggle").all()) await toggle.click();
  await expectRussian(page, page.locator('article.step[data-step-id="halt"]').getByRole("button", { name: /^Удалить/ }));

  // runs: the list and the failed run, step by step
  await page.getByRole("link", { name: "Запуски", exact: true }).click();
  await expectRussian(page, page.getByRole("link", { name: /^Запуск от / }).first());
  await page.goto(`${baseUrl}/w/${ws}/runs/${runId}`);
  const crmStep = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "crm", exact: true }) });
  await expectRussian(page, crmStep.getByText(/Сервер ответил HTTP 401/));

  // connections
  await page.getByRole("link", { name: "Подключения", exact: true }).click();
  await expectRussian(page, page.getByRole("heading", { name: bot }));

  // settings, every tab
  await page.goto(`${baseUrl}/w/${ws}/settings/workspace`);
  await expectRussian(page, page.getByRole("heading", { name: "Настройки рабочего пространства" }));
  await page.goto(`${baseUrl}/w/${ws}/settings/members`);
  await expectRussian(page, page.getByText(invitee));
  await page.goto(`${baseUrl}/w/${ws}/settings/api-keys`);
  await expectRussian(page, page.getByText(keyName));
  await page.goto(`${baseUrl}/w/${ws}/settings/usage`);
  await expectRussian(page, page.getByRole("heading", { name: "Использование" }));
  await page.goto(`${baseUrl}/w/${ws}/settings/shares`);
  await expectRussian(page, page.getByRole("link", { name: bundleName }));
  await page.goto(`${baseUrl}/w/${ws}/settings/audit`);
  const audit = page.getByRole("table").first();
  await expectRussian(page, audit.getByText(invitee).first());
  // the audit table keeps to its card at 1366 px: no scrolling sideways, in the table or the page
  expect(await audit.evaluate((table) => table.scrollWidth - table.clientWidth)).toBeLessThanOrEqual(0);
  expect(await audit.evaluate((table) => table.getBoundingClientRect().right <= (table.parentElement?.getBoundingClientRect().right ?? 0) + 0.5)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // a share link, and a page that cannot be shown
  await page.goto(share.json.url as string);
  await expectRussian(page, page.getByRole("heading", { name: bundleName, level: 1 }));
  await page.goto(`${baseUrl}/w/${ws}/runs/run_does_not_exist`);
  await expectRussian(page, page.getByRole("heading", { name: "Страница не найдена" }));

  // the same page in English is caught: the check reads what the page shows
  await page.getByLabel("Язык").selectOption("en");
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  expect(untranslatedWords(await visibleText(page), userData)).toEqual(expect.arrayContaining(["Page", "not", "found"]));
});
