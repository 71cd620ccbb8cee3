// Small things that read oddly to a new user, in English and Russian: an app with one action has
// it chosen already, a step title does not say "HTTP request: HTTP request", a yes/no default reads
// "Default (No)", a Stop step that fails the run is not "OK", the log viewer counts with plural
// forms, and a sign-up refusal sits at its field without the field's code name.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, forceRun, waitForRun } from "./support/api";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

const inRussian = (page: Page) => page.evaluate(() => localStorage.setItem("svyazka.locale", "ru"));
const inEnglish = (page: Page) => page.evaluate(() => localStorage.setItem("svyazka.locale", "en"));

test("the HTTP request action is chosen with its app, titled once, and its yes/no default reads as words", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("http"), workspace: "Calls" });
  const { id } = await createBundle(page, ws, { format: "bundle/1", name: "Call an API", trigger: { id: "start", app: "manual", event: "run" }, steps: [] });

  await page.goto(`${baseUrl}/w/${ws}/bundles/${id}`);
  await page.getByRole("button", { name: "Add a step to Steps", exact: true }).click();
  await page.getByRole("group", { name: "Add a step to Steps", exact: true }).getByRole("button", { name: /^Action/ }).click();
  const step = page.locator(".flow article.step").first();
  await step.getByLabel("Service", { exact: true }).selectOption({ label: "HTTP request" });
  const action = step.getByLabel("Action", { exact: true });
  expect(await action.locator("option:checked").textContent()).toBe("HTTP request");
  expect((await step.locator(".title").textContent())?.replace(/\s+/g, " ")).toMatch(/^Step 1: HTTP request request/);
  const continueOnError = step.getByLabel("Continue on error status");
  expect(await continueOnError.locator("option").first().textContent()).toBe("Default (No)");
  await step.getByLabel(/^URL/).fill("https://example.com/orders"); // required: the bundle saves only with it
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(/Saved as version/).waitFor();
  const saved = (await apiCall(page, "GET", `/w/${ws}/bundles/${id}`)).json;
  expect(saved.document.steps[0]).toMatchObject({ app: "http", action: "request" });

  await inRussian(page);
  await page.reload();
  const ruStep = page.locator(".flow article.step").first();
  expect((await ruStep.locator(".title").textContent())?.replace(/\s+/g, " ")).toMatch(/^Шаг 1: HTTP-запрос request/);
  if (!(await ruStep.getByLabel("Продолжать при ошибке").isVisible())) await ruStep.locator("button.toggle").first().click();
  expect(await ruStep.getByLabel("Продолжать при ошибке").locator("option").first().textContent()).toBe("По умолчанию (нет)");
  await inEnglish(page);
});

test("a Stop step that fails the run is shown as an error, one that stops it as stopped, in the API too", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("stop"), workspace: "Stops" });
  // a Stop step "as a success" ends the run as stopped
  const run = async (status: "failed" | "success") => {
    const { id } = await createBundle(page, ws, {
      format: "bundle/1",
      name: `Stop as ${status}`,
      trigger: { id: "start", app: "manual", event: "run" },
      steps: [{ id: "halt", kind: "stop", status, reason: "No phone in the lead" }],
    });
    const runId = await forceRun(page, ws, id, { lead: "x" });
    return waitForRun(page, ws, runId);
  };

  const failed = await run("failed");
  expect(failed.status).toBe("failed");
  expect(failed.steps.find((s: { id: string }) => s.id === "halt")).toMatchObject({ status: "error", error: "No phone in the lead" });
  await page.goto(`${baseUrl}/w/${ws}/runs/${failed.id}`);
  const halt = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "halt" }) });
  await halt.waitFor();
  expect(await halt.locator(".badge").textContent()).toBe("Error");
  expect(await halt.getByText("No phone in the lead").first().isVisible()).toBe(true);

  const stopped = await run("success");
  expect(stopped.steps.find((s: { id: string }) => s.id === "halt").status).toBe("stopped");
  await inRussian(page);
  await page.goto(`${baseUrl}/w/${ws}/runs/${stopped.id}`);
  await halt.waitFor();
  expect(await halt.locator(".badge").textContent()).toBe("Остановлен");
  await page.goto(`${baseUrl}/w/${ws}/runs/${failed.id}`);
  await halt.waitFor();
  expect(await halt.locator(".badge").textContent()).toBe("Ошибка");
  await inEnglish(page);
});

test("the log viewer counts fields and items with the language's plural forms", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("plural"), workspace: "Counts" });
  const { id } = await createBundle(page, ws, { format: "bundle/1", name: "Counts", trigger: { id: "start", app: "manual", event: "run" }, steps: [{ id: "done", kind: "stop" }] });
  const payload = { one: { a: 1 }, two: { a: 1, b: 2 }, five: { a: 1, b: 2, c: 3, d: 4, e: 5 }, list: [1], pair: [1, 2], many: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
  const runId = await forceRun(page, ws, id, payload);
  await waitForRun(page, ws, runId);

  const summaries = async () => (await page.locator(".node > summary .muted").allTextContents()).join(" | ");
  await page.goto(`${baseUrl}/w/${ws}/runs/${runId}`);
  await page.locator(".node > summary").first().waitFor();
  const en = await summaries();
  for (const text of ["{ 1 field }", "{ 2 fields }", "{ 5 fields }", "[ 1 item ]", "[ 2 items ]", "[ 11 items ]"]) expect(en).toContain(text);

  await inRussian(page);
  await page.reload();
  await page.locator(".node > summary").first().waitFor();
  const ru = await summaries();
  for (const text of ["{ 1 поле }", "{ 2 поля }", "{ 5 полей }", "[ 1 элемент ]", "[ 2 элемента ]", "[ 11 элементов ]"]) expect(ru).toContain(text);
  await inEnglish(page);
});

test("a sign-up refusal is shown at its field, in words", async () => {
  const { page } = browser;
  await browser.context.clearCookies();
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("short"));
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Workspace name", { exact: true }).fill("Shorts");
  await page.getByRole("button", { name: "Sign up" }).click();
  const password = page.getByLabel("Password", { exact: true });
  await page.locator(".field-error").waitFor();
  expect(await password.getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(".field-error").textContent()).toBe("Use at least 8 characters.");

  await inRussian(page);
  await page.reload();
  await page.getByLabel("Эл. почта", { exact: true }).fill(uniqueEmail("short"));
  await page.getByLabel("Пароль", { exact: true }).fill("short");
  await page.getByLabel("Название рабочего пространства", { exact: true }).fill("Коротко");
  await page.getByRole("button", { name: "Зарегистрироваться" }).click();
  await page.locator(".field-error").waitFor();
  expect(await page.locator(".field-error").textContent()).toBe("Нужно не меньше 8 символов.");
  await inEnglish(page);
});
