// What a user does on the way to the page under test: sign up, log in, log out, take a
// screenshot for the docs. Selectors are the labels and names the user sees. (The data a test
// makes through the API: api.ts.)
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const screenshotDir = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
export const PASSWORD = "correct horse battery staple";

/** An email no other test in this run uses. */
export function uniqueEmail(who = "user"): string {
  return `${who}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export const BUNDLES_URL = /\/w\/[^/]+\/bundles$/;

/** Signs up through /signup and waits for the bundle list; returns the workspace id. */
export async function signUp(page: Page, baseUrl: string, user: { email: string; workspace: string }) {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Workspace name", { exact: true }).fill(user.workspace);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL(BUNDLES_URL);
  return workspaceIdOf(page);
}

export async function logIn(page: Page, baseUrl: string, email: string, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login$/);
}

export function workspaceIdOf(page: Page): string {
  const match = new URL(page.url()).pathname.match(/^\/w\/([^/]+)/);
  if (!match) throw new Error(`not on a workspace page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Saves docs/screenshots/<name>.png (overwritten on every run) for the README. */
export async function screenshot(page: Page, name: string) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
