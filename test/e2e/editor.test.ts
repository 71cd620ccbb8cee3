// The bundle list and the editor, as a marketer uses them: seed flow 1 (VK lead → amoCRM:
// find by phone, else by email, else create) built by clicking, saved, run with test data
// against the amoCRM double, its run read back; the list's duplicate, export, import and
// delete; problems shown on the step they belong to; Russian; a phone-width screen.
import { expect, inject, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import seedFlow1 from "../fixtures/spec-examples/vk-amocrm-dedup.json";
import { browserForFile } from "./support/browser-per-file";
import { createConnection } from "./support/api";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile({ acceptDialogs: true });
const AMOCRM = inject("fakes")["amocrm.fake"];

/** The card of the step with this id (ids change when an action is chosen, so look it up each time). */
const card = (page: Page, id: string) => page.locator(`article.step[data-step-id="${id}"]`);

/** Adds a step of `kind` at the end of the top-level flow and returns its card. */
async function addStep(page: Page, kind: "Action" | "Router" | "Stop" | "If / else"): Promise<Locator> {
  const before = await page.locator(".flow > ol > li > article.step").count();
  const where = before === 0 ? "Add a step to Steps" : "Add a step at the end of Steps";
  await page.getByRole("button", { name: where, exact: true }).click();
  await page.getByRole("group", { name: where, exact: true }).getByRole("button", { name: new RegExp(`^${kind.replace("/", "\\/")}`) }).click();
  const added = page.locator(".flow > ol > li > article.step").nth(before);
  await added.waitFor();
  return added;
}

async function renameStep(step: Locator, id: string) {
  await step.getByText("More settings").click();
  const field = step.getByLabel("Step ID", { exact: true });
  await field.fill(id);
  await field.blur();
}

/** Inserts `{{path}}` into a field with the variable picker, as a user would. */
async function insertVariable(scope: Locator, field: string, path: string) {
  await scope.getByRole("button", { name: `Insert a field into ${field}` }).click();
  await scope.getByRole("button", { name: new RegExp(`\\{\\{${path.replaceAll(".", "\\.")}\\}\\}`) }).click();
}

async function addAmoAction(page: Page, action: "Find contact" | "New contact", id: string) {
  const step = await addStep(page, "Action");
  await step.getByLabel("Service", { exact: true }).selectOption({ label: "amoCRM" });
  await step.getByLabel("Action", { exact: true }).selectOption({ label: action });
  await renameStep(step, id);
  return card(page, id);
}

async function newContactFields(step: Locator) {
  await insertVariable(step, "Full name", "lead.first_name");
  await insertVariable(step, "Phone", "lead.phone");
  await step.getByLabel("Email", { exact: true }).fill("{{lead.email}}");
}

async function onlyUpdate(step: Locator, matchBy: "Phone" | "Email", write: "Phone" | "Email") {
  await step.getByLabel("Look for an existing record before creating one").check();
  await step.getByLabel("When a record is found").selectOption({ label: "Only update an existing record" });
  const check = step.getByRole("group", { name: "Check 1: match by" });
  await check.getByLabel("Phone", { exact: true }).setChecked(matchBy === "Phone");
  await check.getByLabel("Email", { exact: true }).setChecked(matchBy === "Email");
  await step.getByLabel("Only these fields").check();
  await step.getByRole("group", { name: "Fields written onto the found record" }).getByLabel(write, { exact: true }).check();
}

async function addRouter(page: Page, id: string) {
  const step = await addStep(page, "Router");
  await renameStep(step, id);
  return card(page, id);
}

async function routeTo(step: Locator, left: string, goto: string, otherwise: string) {
  await step.getByLabel("Value", { exact: true }).fill(left);
  await step.getByLabel("Condition", { exact: true }).selectOption({ label: "is not empty" });
  // the options read "4. amoCRM: New contact (add_email)"; their values are the step ids
  await step.getByLabel("then go to").selectOption(goto);
  await step.getByLabel("Otherwise go to").selectOption(otherwise);
}

async function addStop(page: Page, id: string) {
  await renameStep(await addStep(page, "Stop"), id);
}

async function amoSearch(query: string) {
  const res = await fetch(`${AMOCRM}/api/v4/contacts?query=${encodeURIComponent(query)}`, { headers: { authorization: "Bearer test-token" } });
  if (res.status === 204) return [];
  return ((await res.json()) as { _embedded: { contacts: Array<{ id: number; name: string }> } })._embedded.contacts;
}

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test("seed flow 1 is built by clicking, saved, run with test data, and its run is read back", async () => {
  const { page } = browser;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("editor"), workspace: "Leads Co" });
  const vk = await createConnection(page, workspaceId, "vk", "VK community", { group_id: "777", confirmation_code: "abc123", secret_key: "vk-secret" });
  const amoId = await createConnection(page, workspaceId, "amocrm", "Our amoCRM", { base_url: AMOCRM, access_token: "test-token" });

  await page.getByRole("link", { name: "New bundle" }).click();
  await page.getByRole("heading", { name: "New bundle", level: 1 }).waitFor();
  await page.getByLabel("Bundle name").fill(seedFlow1.name);

  // trigger: a VK lead form; its only event and the only VK connection are chosen already
  const trigger = page.locator("article.trigger");
  await trigger.getByLabel("Service that starts the bundle").selectOption({ label: "VK (VKontakte)" });
  expect(await trigger.getByLabel("Event", { exact: true }).inputValue()).toBe("lead_form");
  expect(await trigger.getByLabel("VK (VKontakte) connection").inputValue()).toBe(vk);
  await renameStep(trigger, "lead");

  const byPhone = await addAmoAction(page, "Find contact", "by_phone");
  await insertVariable(byPhone, "Search query", "lead.phone");
  const routePhone = await addRouter(page, "route_phone");
  await newContactFields(await addAmoAction(page, "New contact", "add_email"));
  await onlyUpdate(card(page, "add_email"), "Phone", "Email");
  await addStop(page, "done_phone");
  const byEmail = await addAmoAction(page, "Find contact", "by_email");
  await insertVariable(byEmail, "Search query", "lead.email");
  const routeEmail = await addRouter(page, "route_email");
  await newContactFields(await addAmoAction(page, "New contact", "add_phone"));
  await onlyUpdate(card(page, "add_phone"), "Email", "Phone");
  await addStop(page, "done_email");
  await newContactFields(await addAmoAction(page, "New contact", "create"));
  // the routers jump forward, so they are pointed once the later steps exist
  await routeTo(routePhone, "{{by_phone.id}}", "add_email", "by_email");
  await routeTo(routeEmail, "{{by_email.id}}", "add_phone", "create");

  await page.getByRole("button", { name: "Create bundle" }).click();
  await page.waitForURL(/\/bundles\/[0-9a-f-]{36}$/);
  const bundleId = page.url().split("/").at(-1)!;
  await page.getByText("Version 1").waitFor();

  // what the clicks built is seed flow 1 itself, with this workspace's connections
  const saved = await (await page.request.get(`${baseUrl}/api/v1/w/${workspaceId}/bundles/${bundleId}`)).json();
  const expected = JSON.parse(JSON.stringify(seedFlow1).replaceAll('"vk_group"', `"${vk}"`).replaceAll('"amo"', `"${amoId}"`));
  expect(saved.document).toEqual(expected);
  await page.getByText("Webhook URL").waitFor();
  expect(await page.getByLabel("Webhook URL").inputValue()).toBe(saved.webhook_url);

  // a lead that amoCRM knows by neither phone nor email: one contact is created
  const n = String(Date.now()).slice(-7);
  const email = `vera${n}@example.com`;
  const lead = { lead_id: n, group_id: "777", first_name: "Вера", phone: `+7 914 ${n}`, email, answers: {} };
  await page.getByLabel("Trigger data (JSON)").fill(JSON.stringify(lead));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const steps = page.getByRole("list", { name: "Steps of the run" });
  await steps.waitFor({ timeout: 60_000 });
  await page.locator(".run .outcome").getByText("Succeeded").waitFor({ timeout: 60_000 });
  const log = await steps.locator("li").allTextContents();
  expect(log.map((line) => line.replace(/\s+/g, " ").trim())).toEqual([
    "by_phone OK", "route_phone OK", "add_email Skipped", "done_phone Skipped",
    "by_email OK", "route_email OK", "add_phone Skipped", "done_email Skipped", "create OK",
  ]);
  const runLink = await page.getByRole("link", { name: "Open the run log" }).getAttribute("href");
  expect(runLink).toMatch(new RegExp(`^/w/${workspaceId}/runs/[\\w-]+$`));
  const run = await (await page.request.get(`${baseUrl}/api/v1${runLink}`)).json();
  expect(run.status).toBe("success");
  expect(run.bundle_id).toBe(bundleId);
  const created = await amoSearch(email);
  expect(created).toHaveLength(1);
  expect(created[0].name).toBe("Вера");
  await screenshot(page, "editor");

  // the variable picker now shows the run's values beside the fields
  await card(page, "by_phone").getByRole("button", { name: /amoCRM: Find contact/ }).click();
  await byPhone.getByRole("button", { name: "Insert a field into Search query" }).click();
  await byPhone.getByRole("button", { name: /\{\{lead\.email\}\}/ }).getByText(email).waitFor();
  await screenshot(page, "editor-variable-picker");
  await byPhone.getByRole("button", { name: "Close" }).click();

  // the list shows the bundle with its last run and today's count
  await page.getByRole("link", { name: "← Bundles" }).click();
  const row = page.getByRole("row", { name: new RegExp(seedFlow1.name.slice(0, 20)) });
  await row.waitFor();
  expect(await row.getByRole("cell").allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining("Succeeded"), "1"]),
  );
  expect(await row.getByText("VK (VKontakte): ").isVisible()).toBe(true);
  await screenshot(page, "bundles");

  // Russian: the list and the editor, connector labels included
  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("heading", { name: "Мои связки", level: 1 }).waitFor();
  expect(await page.getByRole("columnheader").allTextContents()).toEqual(
    expect.arrayContaining(["Последний запуск", "Следующий запуск", "Запусков сегодня"]),
  );
  expect(await row.textContent()).toContain("ВКонтакте: ");
  await row.getByRole("link", { name: seedFlow1.name }).click();
  await page.getByRole("button", { name: "Сохранить" }).waitFor();
  expect(await page.locator("article.trigger h2").textContent()).toContain("ВКонтакте");
  expect(await card(page, "by_phone").textContent()).toContain("amoCRM: Поиск контакта");
  expect(await card(page, "route_phone").textContent()).toContain("Роутер");
  expect(await card(page, "done_phone").textContent()).toContain("Прерывание");
  await card(page, "add_email").getByRole("button", { name: /amoCRM: Новый контакт/ }).click();
  await card(page, "add_email").getByText("Только обновить существующую запись").waitFor({ state: "attached" });
  expect(await card(page, "add_email").getByLabel("Телефон", { exact: true }).count()).toBeGreaterThan(0);
  await screenshot(page, "editor-ru");

  // a phone-width screen: nothing scrolls sideways
  await page.setViewportSize({ width: 360, height: 740 });
  await noHorizontalScroll(page);
  await screenshot(page, "editor-phone");
  await page.getByRole("link", { name: "← Мои связки" }).click();
  await row.waitFor();
  await noHorizontalScroll(page);
  await screenshot(page, "bundles-phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel("Язык").selectOption("en");
});

test("a scheduled bundle: next runs previewed, problems shown on their step, versions; then duplicated, switched on, exported, deleted and imported", async () => {
  const { page } = browser;
  await signUp(page, baseUrl, { email: uniqueEmail("schedule"), workspace: "Reports" });
  await page.getByRole("link", { name: "New bundle" }).click();
  await page.getByLabel("Bundle name").fill("Morning report");
  const trigger = page.locator("article.trigger");
  await trigger.getByLabel("Service that starts the bundle").selectOption({ label: "Schedule" });

  // the next runs, at 09:00 in the user's own time zone
  await trigger.getByLabel("Run", { exact: true }).selectOption({ label: "At set times" });
  await trigger.getByLabel("Times (HH:MM)").fill("09:00");
  await trigger.getByLabel("Times (HH:MM)").blur();
  const preview = trigger.locator(".preview time");
  await expect.poll(() => preview.count()).toBe(5);
  const hours = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLTimeElement>(".preview time")].map((t) =>
      new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" }).format(new Date(t.dateTime)),
    ),
  );
  expect(new Set(hours)).toEqual(new Set(["09:00"]));

  // if/else drawn as two branches; a step added inside "Yes"
  const ifStep = await addStep(page, "If / else");
  await ifStep.getByLabel("Value", { exact: true }).fill("{{trigger.scheduled_at}}");
  await ifStep.getByRole("button", { name: "Add a step to Steps when if holds" }).click();
  await ifStep.getByRole("group", { name: "Add a step to Steps when if holds" }).getByRole("button", { name: /^Stop/ }).click();
  const yes = ifStep.getByRole("region", { name: "Steps when if holds" });
  await yes.locator("article.step").waitFor();
  // the picker inserts at the cursor, keeping the static text on both sides
  const reason = yes.getByRole("textbox", { name: "Reason (shown in the run log)" });
  await reason.fill("Report for  is ready");
  await reason.press("Home");
  for (let i = 0; i < "Report for ".length; i++) await reason.press("ArrowRight");
  await insertVariable(yes, "Reason (shown in the run log)", "trigger.scheduled_at");
  expect(await reason.inputValue()).toBe("Report for {{trigger.scheduled_at}} is ready");

  // a router that jumps nowhere: the save is refused and the router shows why
  const router = await addStep(page, "Router");
  await page.getByRole("button", { name: "Create bundle" }).click();
  await page.getByRole("alert").getByText("The bundle cannot be saved yet").waitFor();
  expect(await router.getByText(/problem/).textContent()).toMatch(/1 problem/);
  expect(await router.getByLabel("then go to").getAttribute("aria-invalid")).toBe("true");
  await screenshot(page, "editor-problems");
  await page.getByRole("button", { name: "Delete step router" }).click();
  await page.getByRole("button", { name: "Create bundle" }).click();
  await page.waitForURL(/\/bundles\/[0-9a-f-]{36}$/);

  // every save is a new version, listed in the history
  await page.getByLabel("Bundle name").fill("Morning report");
  await page.locator("article.trigger").getByLabel("Times (HH:MM)").fill("09:00, 18:30");
  await page.locator("article.trigger").getByLabel("Times (HH:MM)").blur();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved as version 2.").waitFor();
  const history = page.getByRole("list", { name: "Version history" });
  await expect.poll(() => history.locator("li").count()).toBe(2);

  // the list: duplicate, switch on (the next run appears), export, delete, import
  await page.getByRole("link", { name: "← Bundles" }).click();
  await page.getByRole("button", { name: "Duplicate Morning report" }).click();
  await page.getByRole("link", { name: "Morning report (copy)" }).waitFor();
  const switchOn = page.getByRole("switch", { name: "Bundle Morning report is on" });
  await switchOn.click();
  await expect.poll(() => switchOn.getAttribute("aria-checked")).toBe("true");
  const row = page.getByRole("row", { name: /^Morning report Schedule/ });
  expect(await row.getByRole("cell").nth(2).textContent()).not.toBe("—");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export Morning report", exact: true }).click()]);
  const file = await download.path();
  const exported = JSON.parse(await (await import("node:fs/promises")).readFile(file, "utf8"));
  expect(exported).toMatchObject({ format: "bundle/1", name: "Morning report", trigger: { app: "schedule", schedule: { at: ["09:00", "18:30"] } } });

  await page.getByRole("button", { name: "Delete Morning report", exact: true }).click();
  await page.getByRole("link", { name: "Morning report", exact: true }).waitFor({ state: "detached" });
  await page.getByLabel("Import from file").setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.waitForURL(/\/bundles\/[0-9a-f-]{36}$/);
  expect(await page.getByLabel("Bundle name").inputValue()).toBe("Morning report");
  await page.getByRole("link", { name: "← Bundles" }).click();
  await page.getByRole("link", { name: "Morning report", exact: true }).waitFor();
  expect(await page.getByRole("link", { name: /^Morning report/ }).count()).toBe(2);
});
