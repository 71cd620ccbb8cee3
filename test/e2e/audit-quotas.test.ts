// The audit log and the usage page: an owner changes a setting and creates a bundle and reads
// both in the audit log (filtered, a page at a time, in Russian too) and sees the bundle count
// against the limit; a viewer gets neither the tab nor the log.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { apiCall, createBundle } from "./support/api";
import { browserForFile } from "./support/browser-per-file";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const owner = browserForFile();
const viewer = browserForFile();
// Made by the first test, read by the ones after it.
let bundleId: string;
let workspaceId: string;

/** The audit table's rows as the "What" column reads. */
async function actions(page: Page) {
  return page.getByRole("table").locator("tbody tr td:nth-child(3)").allTextContents();
}

test("an owner reads a settings change and a new bundle in the audit log, newest first, filtered and paged", async () => {
  const { page } = owner;
  workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("auditor"), workspace: "Audit Shop" });

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Workspace" }).click();
  await page.getByLabel("Keep run logs for, days").fill("21");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();

  bundleId = (await createBundle(page, workspaceId, { format: "bundle/1", name: "Audited bundle", trigger: { id: "start", app: "manual", event: "run" }, steps: [] })).id;

  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
  const table = page.getByRole("table", { name: "Audit log" });
  await table.waitFor();
  expect(await actions(page)).toEqual(["Created a bundle", "Changed workspace settings"]);
  const newest = table.locator("tbody tr").first();
  expect(await newest.textContent()).toContain("auditor-");
  expect(await newest.textContent()).toContain(bundleId);
  expect(await newest.textContent()).toContain("Audited bundle");
  await screenshot(page, "audit-log");

  // Only bundles.
  await page.getByLabel("Show").selectOption({ label: "Bundles" });
  await expect.poll(() => actions(page)).toEqual(["Created a bundle"]);
  await page.getByLabel("Show").selectOption({ label: "Everything" });
  await expect.poll(() => actions(page)).toHaveLength(2);

  // More than a page (50): the rest comes with "Load more", then the button goes.
  const saved = await page.evaluate(async (ws) => {
    const statuses = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`/api/v1/w/${ws}/settings`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ log_retention_days: 22 + (i % 5) }) });
      statuses.push(res.status);
    }
    return statuses;
  }, workspaceId);
  expect(saved.every((s) => s === 200)).toBe(true);
  await page.reload();
  await table.waitFor();
  expect(await actions(page)).toHaveLength(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect.poll(() => actions(page)).toHaveLength(52);
  const all = await actions(page);
  expect(all.at(-2)).toBe("Created a bundle");
  expect(all.at(-1)).toBe("Changed workspace settings");
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
});

test("the usage page counts the bundle against the limit and says when runs start again", async () => {
  const { page } = owner;
  await page.getByRole("link", { name: "Usage" }).click();
  await page.getByRole("heading", { name: "Usage", level: 1 }).waitFor();
  const quotas = (await apiCall(page, "GET", `/w/${workspaceId}/quotas`)).json;
  expect(quotas.bundles.used).toBe(1);
  expect(await page.getByLabel("Bundles").first().textContent()).toContain(`1 of ${quotas.bundles.limit}`);
  expect(await page.getByLabel("Runs this month").first().textContent()).toContain(`0 of ${quotas.runs_per_month.limit}`);
  expect(await page.getByLabel("Steps per run").first().textContent()).toContain(`at most ${quotas.steps_per_run.limit}`);
  const resets = new Date(quotas.runs_per_month.resets_at);
  expect(await page.getByText("Starts again on").textContent()).toContain(String(resets.getFullYear()));
});

test("in Russian: the log and the usage page", async () => {
  const { page } = owner;
  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("heading", { name: "Использование", level: 1 }).waitFor();
  expect(await page.getByLabel("Связок").first().textContent()).toContain("1 из");
  await page.getByRole("link", { name: "Журнал аудита" }).click();
  await page.getByRole("heading", { name: "Журнал аудита", level: 1 }).waitFor();
  await page.getByRole("table", { name: "Журнал аудита" }).waitFor();
  expect(await page.getByRole("columnheader").allTextContents()).toEqual(["Когда", "Кто", "Что", "Объект", "Подробности"]);
  expect((await actions(page))[0]).toBe("Изменил(а) настройки пространства");
  await page.getByLabel("Показать").selectOption({ label: "Связки" });
  await expect.poll(() => actions(page)).toEqual(["Создал(а) связку"]);
  await screenshot(page, "audit-log-ru");
});

test("a viewer has no audit tab, and the log answers 403", async () => {
  const email = uniqueEmail("audit-viewer");
  expect((await apiCall(owner.page, "POST", `/w/${workspaceId}/members`, { email, role: "viewer" })).status).toBe(201);

  const { page } = viewer;
  await signUp(page, baseUrl, { email, workspace: "Viewer's own" });
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/usage`);
  await page.getByRole("heading", { name: "Usage", level: 1 }).waitFor();
  expect(await page.getByLabel("Bundles").first().textContent()).toContain("1 of");
  const nav = page.getByRole("navigation", { name: "Settings sections" });
  const tabs = await nav.getByRole("link").allTextContents();
  expect(tabs).toContain("Usage");
  expect(tabs).not.toContain("Audit log");

  expect((await apiCall(page, "GET", `/w/${workspaceId}/audit`)).status).toBe(403);
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/audit`);
  await page.getByText("Only owners and admins can see the audit log.").waitFor();
  expect(await page.getByRole("table").count()).toBe(0);

  // The editor shows a viewer the bundle as a drawing: every field disabled.
  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  await page.locator("fieldset.body").first().waitFor();
  expect(await page.locator("fieldset.body:not([disabled])").count()).toBe(0);
});
