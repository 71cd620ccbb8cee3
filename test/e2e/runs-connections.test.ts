// What a marketer does after signing up: connect Telegram and KeepinCRM (against the doubles)
// from forms built out of the connector declarations, see them tested, be told why a used
// connection cannot be deleted, read a failed run step by step, retry it, look at the run
// chart, change the workspace settings, and read it all in Russian, on a phone too.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, forceRun, waitForRun } from "./support/api";
import { logOut, screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const fakes = inject("fakes");
const BOT_TOKEN = "123456:TEST-token_abc";
const browser = browserForFile({ acceptDialogs: true });
let workspaceId: string;
let bundleId: string;
let failedRunId: string;

/** KeepinCRM answers the next call with a server error: the next run fails at its second step. */
async function failNextKeepinCall() {
  await fetch(`${fakes["keepincrm.fake"]}/__admin/knobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ failNext: { count: 1, status: 500 } }),
  });
}

async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("connections are created from the declared fields, tested, and a used one cannot be deleted", async () => {
  const { page } = browser;
  workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("marketer"), workspace: "Flower Shop" });
  await page.getByRole("link", { name: "Connections" }).click();
  await page.getByRole("heading", { name: "Connections", level: 1 }).waitFor();

  await page.getByLabel("Service").selectOption({ label: "Telegram" });
  await page.getByLabel("Connection name").fill("Sales bot");
  await page.getByLabel("Bot token").fill(BOT_TOKEN);
  await page.getByLabel("Base URL").fill(fakes["telegram.fake"]);
  await page.getByRole("button", { name: "Save and test" }).click();
  await page.getByText("“Sales bot” works.").first().waitFor();

  await page.getByLabel("Service").selectOption({ label: "KeepinCRM" });
  await page.getByLabel("Connection name").fill("Orders CRM");
  await page.getByLabel("API key (Settings → API)").fill("test-key");
  await page.getByLabel("API address").fill(fakes["keepincrm.fake"]);
  await page.getByRole("button", { name: "Save and test" }).click();
  await page.getByText("“Orders CRM” works.").first().waitFor();

  const list = page.getByRole("list", { name: "Your connections" });
  const bot = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Sales bot" }) });
  const crm = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Orders CRM" }) });
  expect(await bot.textContent()).toContain("Working");
  expect(await crm.textContent()).toContain("Working");
  // the secret never comes back to the page
  expect(await page.content()).not.toContain(BOT_TOKEN);

  // a wrong key: testing says it does not work, and why
  await page.getByRole("button", { name: "Edit Orders CRM" }).click();
  await expect.poll(() => crm.getByText("Saved. Leave empty to keep it.").count(), { timeout: 10_000 }).toBe(1);
  await crm.getByLabel("API key (Settings → API)").fill("wrong-key");
  await crm.getByRole("button", { name: "Save and test" }).click();
  await crm.getByText("Not working").waitFor();
  await crm.getByRole("button", { name: "Edit Orders CRM" }).click();
  await crm.getByLabel("API key (Settings → API)").fill("test-key");
  await crm.getByRole("button", { name: "Save and test" }).click();
  await crm.getByText("Working").waitFor();

  const connections = (await apiCall(page, "GET", `/w/${workspaceId}/connections`)).json.items as Array<{ id: string; name: string }>;
  const id = (name: string) => connections.find((c) => c.name === name)!.id;
  const created = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Lead to CRM",
    trigger: { id: "lead", app: "manual", event: "run" },
    steps: [
      { id: "notify", kind: "action", app: "telegram", action: "send_message", connection: id("Sales bot"), input: { chat_id: "-100555", text: "New lead: {{lead.name}}" } },
      { id: "order", kind: "action", app: "keepincrm", action: "create_order", connection: id("Orders CRM"), input: { title: "Bouquet for {{lead.name}}", total: 1500, client_name: "{{lead.name}}", phone: "{{lead.phone}}" } },
    ],
  });
  bundleId = created.id;

  await bot.getByRole("button", { name: "Delete Sales bot" }).click();
  await bot.getByRole("alert").waitFor();
  expect(await bot.getByRole("alert").textContent()).toContain("Bundles use this connection: «Lead to CRM»");
  expect(await list.getByRole("heading", { name: "Sales bot" }).count()).toBe(1);
  await screenshot(page, "connections");
});

test("a failed run is read step by step and retried from the failed step", async () => {
  const { page } = browser;
  await failNextKeepinCall();
  const started = await apiCall(page, "POST", `/w/${workspaceId}/bundles/${bundleId}/run`, { payload: { name: "Anna", phone: "+79991234567" } });
  expect(started.status).toBe(202);
  failedRunId = started.json.run_id;

  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await page.getByRole("heading", { name: "Runs", level: 1 }).waitFor();
  const table = page.getByRole("table", { name: "Runs, newest first" });
  // the list updates by itself until the run has ended
  await table.getByText("Failed", { exact: true }).waitFor({ timeout: 30_000 });
  expect(await table.textContent()).toContain("Lead to CRM");

  await table.getByRole("link", { name: /^Run from / }).first().click();
  await page.getByRole("heading", { name: "Run of “Lead to CRM”" }).waitFor();
  const notify = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "notify", exact: true }) });
  const order = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "order", exact: true }) });
  expect(await notify.textContent()).toContain('"New lead: Anna"');
  expect(await notify.textContent()).toContain("message_id");
  expect(await order.textContent()).toContain("Error");
  expect(await page.getByRole("heading", { name: "Why it failed" }).isVisible()).toBe(true);
  expect(await page.content()).not.toContain(BOT_TOKEN);
  await screenshot(page, "run-detail");

  await page.getByRole("button", { name: "Retry from the failed step" }).click();
  await page.waitForURL((url) => url.pathname.startsWith(`/w/${workspaceId}/runs/`) && !url.pathname.endsWith(failedRunId));
  await page.getByRole("link", { name: "Retry of an earlier run" }).waitFor();
  await page.locator(".page-header").getByText("Succeeded").waitFor({ timeout: 30_000 });
  expect(await notify.textContent()).toContain("reused: this step succeeded in the run being retried");
  expect(await order.textContent()).toContain("OK");
});

test("the runs list filters by bundle with a chart, and failed runs are retried in bulk", async () => {
  const { page } = browser;
  await failNextKeepinCall();
  await waitForRun(page, workspaceId, await forceRun(page, workspaceId, bundleId, { name: "Boris", phone: "+79990000001" }));

  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await page.getByLabel("Bundle").selectOption({ label: "Lead to CRM" });
  await page.waitForURL((url) => url.searchParams.get("bundle") === bundleId);
  const chart = page.getByRole("figure", { name: "Runs per hour, last 24 hours" });
  await chart.waitFor();
  await page.getByLabel("Status").selectOption("failed");
  await page.waitForURL((url) => url.searchParams.get("status") === "failed");
  const table = page.getByRole("table", { name: "Runs, newest first" });
  await expect.poll(() => table.getByRole("row").count(), { timeout: 30_000 }).toBe(3); // header + 2 failed runs
  await expect.poll(async () => (await chart.textContent()) ?? "", { timeout: 10_000 }).toMatch(/3 runs: 1 succeeded, 2 failed/);
  await screenshot(page, "runs");

  await page.getByLabel("Select every failed run shown").check();
  await page.getByRole("button", { name: "Retry selected (2)" }).click();
  await page.getByText("Runs started again: 2.").waitFor();
  await page.getByLabel("Status").selectOption("");
  await expect.poll(async () => (await chart.textContent()) ?? "", { timeout: 30_000 }).toMatch(/5 runs: 3 succeeded, 2 failed/);
});

test("the run log shows 50 runs at a time and loads the next page on request", async () => {
  const { page } = browser;
  const created = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Busy bundle",
    trigger: { id: "tick", app: "manual", event: "run" },
    steps: [{ id: "done", kind: "stop" }],
  });
  const runIds = await page.evaluate(async (path) => {
    const ids: string[] = [];
    for (let batch = 0; batch < 11; batch++) {
      const started = await Promise.all(
        Array.from({ length: 5 }, () => fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then((r) => r.json())),
      );
      ids.push(...started.map((s: { run_id: string }) => s.run_id));
    }
    return ids;
  }, `/api/v1/w/${workspaceId}/bundles/${created.id}/run`);
  expect(new Set(runIds).size).toBe(55);

  const pages: string[] = [];
  page.on("request", (r) => r.url().includes("/api/v1/w/") && r.url().includes("/runs?") && pages.push(new URL(r.url()).searchParams.get("limit") ?? ""));
  await page.goto(`${baseUrl}/w/${workspaceId}/runs?bundle=${created.id}`);
  const rows = page.getByRole("table", { name: "Runs, newest first" }).getByRole("row");
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(51); // header + 50
  await page.getByRole("button", { name: "Load more" }).click();
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(56);
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
  // every request asked for one page, never for everything
  expect(pages.length).toBeGreaterThan(0);
  expect(pages.every((limit) => limit === "50")).toBe(true);
});

test("workspace settings are saved, and everything reads in Russian, on a phone too", async () => {
  const { page } = browser;
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Workspace" }).click();
  await page.getByRole("heading", { name: "Workspace settings" }).waitFor();
  await page.getByLabel("Time zone").selectOption("Asia/Yekaterinburg");
  await page.getByLabel("Default phone country").selectOption("KZ");
  await page.getByLabel("Keep run logs for, days").fill("14");
  await page.getByLabel("Pause a bundle after this many failed runs in a row").fill("5");
  await page.getByLabel("Tell a Telegram chat when a run fails").check();
  await page.getByLabel("Telegram connection").selectOption({ label: "Sales bot" });
  await page.getByLabel("Chat ID").fill("-100555");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
  await screenshot(page, "settings-workspace");

  await page.reload();
  expect(await page.getByLabel("Time zone").inputValue()).toBe("Asia/Yekaterinburg");
  expect(await page.getByLabel("Default phone country").inputValue()).toBe("KZ");
  expect(await page.getByLabel("Keep run logs for, days").inputValue()).toBe("14");
  expect(await page.getByLabel("Chat ID").inputValue()).toBe("-100555");

  // a retention out of range is refused next to its field
  await page.getByLabel("Keep run logs for, days").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect.poll(() => page.getByLabel("Keep run logs for, days").getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");

  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("link", { name: "Подключения" }).click();
  await page.getByRole("heading", { name: "Подключения", level: 1 }).waitFor();
  expect(await page.getByRole("list", { name: "Ваши подключения" }).textContent()).toContain("Работает");
  await page.getByLabel("Сервис").selectOption({ label: "Telegram" });
  await page.getByLabel("Токен бота").waitFor();
  await page.getByLabel("Сервис").selectOption({ label: "KeepinCRM" });
  await page.getByLabel("Адрес API").waitFor();
  await screenshot(page, "connections-ru");

  await page.getByRole("link", { name: "Запуски" }).click();
  await page.getByRole("table", { name: "Запуски, сначала новые" }).waitFor();
  expect(await page.getByRole("table").textContent()).toContain("Остановлен");
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
  await screenshot(page, "runs-phone");
  await page.getByRole("link", { name: "Подключения" }).click();
  await page.getByRole("heading", { name: "Подключения", level: 1 }).waitFor();
  expect(await noHorizontalScroll(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel("Язык").selectOption("en");
});

test("a viewer reads connections, runs and settings but cannot change them", async () => {
  const { page } = browser;
  const viewer = uniqueEmail("viewer");
  expect((await apiCall(page, "POST", `/w/${workspaceId}/members`, { email: viewer, role: "viewer" })).status).toBe(201);
  await logOut(page);
  await signUp(page, baseUrl, { email: viewer, workspace: "Viewer's own" });

  await page.goto(`${baseUrl}/w/${workspaceId}/connections`);
  await page.getByText("Only owners, admins and editors can add or change connections.").waitFor();
  expect(await page.getByRole("list", { name: "Your connections" }).textContent()).toContain("Sales bot");
  expect(await page.getByRole("heading", { name: "New connection" }).count()).toBe(0);
  expect(await page.getByRole("button", { name: /^(Test|Delete|Edit) / }).count()).toBe(0);

  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await page.getByRole("table", { name: "Runs, newest first" }).waitFor();
  expect(await page.getByRole("checkbox").count()).toBe(0);

  await page.goto(`${baseUrl}/w/${workspaceId}/settings/workspace`);
  await page.getByText("Only owners and admins can change workspace settings.").waitFor();
  expect(await page.getByLabel("Time zone").inputValue()).toBe("Asia/Yekaterinburg");
  expect(await page.getByLabel("Time zone").isDisabled()).toBe(true);
  expect(await page.getByRole("button", { name: "Save settings" }).count()).toBe(0);
});
