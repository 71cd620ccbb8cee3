// Russian all the way (issue 7): with the dashboard switched to Russian, the API's own messages
// arrive in Russian on the field they are about, and the editor's problems are Russian too.
import { expect, inject, test } from "vitest";
import type { Locator } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

/** The text of the error a field points at with aria-describedby. */
async function errorOf(field: Locator): Promise<string> {
  expect(await field.getAttribute("aria-invalid")).toBe("true");
  const ids = (await field.getAttribute("aria-describedby"))!.split(" ");
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(" ");
}

test("in Russian, a refused invitation and a bundle that cannot be saved say why in Russian, on their field", async () => {
  const { page } = browser;
  const email = uniqueEmail("russian");
  const workspaceId = await signUp(page, baseUrl, { email, workspace: "Маркетинг" });
  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("heading", { name: "Мои связки", level: 1 }).waitFor();

  // the API answers 409 in Russian, and the form puts it under the email field
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/members`);
  const emailField = page.getByLabel("Эл. почта", { exact: true });
  await emailField.fill(email);
  await page.getByRole("button", { name: "Пригласить", exact: true }).click();
  await page.getByText(`${email} уже участник.`).waitFor();
  expect(await errorOf(emailField)).toContain(`${email} уже участник.`);
  await screenshot(page, "api-error-ru");

  // the editor: a router that goes nowhere is refused, and the router's field says why
  await page.goto(`${baseUrl}/w/${workspaceId}/bundles`);
  await page.getByRole("link", { name: "Создать связку" }).click();
  await page.getByLabel("Название связки").fill("Лиды из ВК");
  await page.getByRole("button", { name: "Добавить шаг: Шаги", exact: true }).click();
  await page.getByRole("group", { name: "Добавить шаг: Шаги", exact: true }).getByRole("button", { name: /^Роутер/ }).click();
  const router = page.locator(".flow article.step").first();
  await router.waitFor();
  await page.getByRole("button", { name: "Создать связку" }).click();
  await page.getByRole("alert").getByText("Связку пока нельзя сохранить").waitFor();
  expect(await router.getByLabel("то перейти к").getAttribute("aria-invalid")).toBe("true");
  expect(await router.locator(".goto .field-error").textContent()).toContain("неправильный ID");
  expect(await page.getByRole("alert").textContent()).not.toMatch(/is not a valid id/);
  await screenshot(page, "editor-problems-ru");
});
