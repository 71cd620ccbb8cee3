// The first thing a new user does: sign up, see the empty bundle list, log out, log back in,
// and read the dashboard in Russian.
import { expect, inject, test } from "vitest";
import { browserForFile } from "./support/browser-per-file";
import { BUNDLES_URL, logIn, logOut, PASSWORD, screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

test("a new user signs up, logs out, logs back in and switches to Russian", async () => {
  const { page } = browser;
  const email = uniqueEmail("founder");

  await signUp(page, baseUrl, { email, workspace: "Acme Sales" });
  await page.getByRole("heading", { name: "No bundles yet" }).waitFor();
  expect(await page.locator("summary").textContent()).toContain("Acme Sales");
  expect(await page.getByText(email).isVisible()).toBe(true);
  await screenshot(page, "bundles-empty");

  await logOut(page);
  await page.getByRole("heading", { name: "Log in to Svyazka" }).waitFor();
  await screenshot(page, "login");

  await logIn(page, baseUrl, email);
  await page.waitForURL(BUNDLES_URL);
  await page.getByRole("heading", { name: "No bundles yet" }).waitFor();

  await page.getByLabel("Language").selectOption("ru");
  await page.getByRole("heading", { name: "Связок пока нет" }).waitFor();
  expect(await page.getByRole("link", { name: "Мои связки" }).isVisible()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("ru");

  // the choice is remembered across reloads
  await page.reload();
  await page.getByRole("heading", { name: "Связок пока нет" }).waitFor();
  await screenshot(page, "bundles-empty-ru");

  // and at phone width the shell still fits
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "bundles-empty-phone");

  await page.getByLabel("Язык").selectOption("en");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login$/);
});

test("errors from the API appear next to the field they are about", async () => {
  const { page } = browser;
  const email = uniqueEmail("taken");
  await signUp(page, baseUrl, { email, workspace: "First" });
  await logOut(page);

  // a wrong password is reported at the password field
  await logIn(page, baseUrl, email, "not the password");
  const password = page.getByLabel("Password");
  await page.getByText(/wrong email or password/i).waitFor();
  expect(await password.getAttribute("aria-invalid")).toBe("true");
  const errorId = (await password.getAttribute("aria-describedby"))?.split(" ")[0];
  expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/wrong email or password/i);

  // an email that already has an account is reported at the email field
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Workspace name").fill("Second");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByText(/already exists/i).waitFor();
  expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
  await screenshot(page, "signup-error");
});

test("the start page sends a visitor without a session to /login", async () => {
  const { page } = browser;
  await browser.context.clearCookies();
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login$/);
  await page.goto(`${baseUrl}/w/nonexistent/bundles`);
  await page.waitForURL(/\/login$/);
});
