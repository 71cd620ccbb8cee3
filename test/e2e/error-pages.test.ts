// A page that cannot be shown says what failed and offers the way back, inside the workspace's
// header and nav: a run or bundle that does not exist, the API refusing, and a bug (an error id,
// never the internals). In English and in Russian.
import { expect, inject, test } from "vitest";
import { browserForFile } from "./support/browser-per-file";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

test("a missing run or bundle keeps the nav and links back to its list", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("lost"), workspace: "Lost" });

  await page.goto(`${baseUrl}/w/${ws}/runs/run_does_not_exist`);
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  expect(await page.getByRole("alert").textContent()).toMatch(/this run does not exist/i);
  expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Bundles" }).isVisible()).toBe(true);
  expect(await page.getByText("Internal Error").count()).toBe(0);
  await page.getByRole("link", { name: /back to the runs list/i }).click();
  await page.waitForURL(`${baseUrl}/w/${ws}/runs`);
  await page.getByRole("heading", { name: "Runs", exact: true }).waitFor();

  await page.goto(`${baseUrl}/w/${ws}/bundles/bnd_does_not_exist`);
  expect(await page.getByRole("alert").textContent()).toMatch(/this bundle does not exist/i);
  await page.getByRole("link", { name: /back to the bundles list/i }).click();
  await page.waitForURL(`${baseUrl}/w/${ws}/bundles`);

  // in Russian
  await page.evaluate(() => localStorage.setItem("svyazka.locale", "ru"));
  await page.goto(`${baseUrl}/w/${ws}/runs/run_does_not_exist`);
  await page.getByRole("heading", { name: "Страница не найдена" }).waitFor();
  expect(await page.getByRole("alert").textContent()).toMatch(/такого запуска нет/i);
  await page.getByRole("link", { name: /к списку запусков/i }).click();
  await page.waitForURL(`${baseUrl}/w/${ws}/runs`);
  await page.goto(`${baseUrl}/w/${ws}/bundles/bnd_does_not_exist`);
  expect(await page.getByRole("alert").textContent()).toMatch(/такой связки нет/i);
  expect(await page.getByRole("link", { name: /к списку связок/i }).isVisible()).toBe(true);
  await page.evaluate(() => localStorage.setItem("svyazka.locale", "en"));
});

test("the API's refusal is shown in its own words; a bug shows an error id, not its internals", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("broken"), workspace: "Broken" });
  const runUrl = `${baseUrl}/w/${ws}/runs/run_broken`;

  // the API answers with an error of its own
  await page.route("**/api/v1/w/*/runs/run_broken", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "The run log is being moved; try again in a minute.", path: "" } }) }),
  );
  await page.goto(runUrl);
  await page.getByRole("heading", { name: /something went wrong/i }).waitFor();
  expect(await page.getByRole("alert").textContent()).toBe("The run log is being moved; try again in a minute.");
  expect(await page.getByRole("link", { name: /back to the runs list/i }).isVisible()).toBe(true);
  await page.unroute("**/api/v1/w/*/runs/run_broken");

  // an answer the dashboard cannot read: a bug on our side
  await page.route("**/api/v1/w/*/runs/run_broken", (route) => route.fulfill({ status: 200, contentType: "application/json", body: "{not json" }));
  await page.goto(runUrl);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  const text = (await alert.textContent()) ?? "";
  expect(text).toMatch(/error id: [0-9a-f]{8}\./);
  expect(text).not.toMatch(/json|syntax|token|internal error/i);
  expect(await page.getByRole("link", { name: /back to the runs list/i }).isVisible()).toBe(true);

  await page.evaluate(() => localStorage.setItem("svyazka.locale", "ru"));
  await page.goto(runUrl);
  await page.getByRole("heading", { name: /что-то пошло не так/i }).waitFor();
  expect(await page.getByRole("alert").textContent()).toMatch(/сообщите в поддержку её номер: [0-9a-f]{8}\./);
  await page.unroute("**/api/v1/w/*/runs/run_broken");
  await page.evaluate(() => localStorage.setItem("svyazka.locale", "en"));
});
