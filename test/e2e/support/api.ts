// The API as the dashboard calls it, from a signed-in page (its session cookie, same origin):
// the bundles, connections and runs a browser test makes before it opens the page under test.
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import { FAKE_BOT_TOKEN } from "../../fakes/telegram.ts";

export async function apiCall(page: Page, method: string, apiPath: string, body?: unknown) {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const res = await fetch(`/api/v1${apiPath}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { method, apiPath, body },
  );
}

/** Saves a new bundle (disabled); answers it as the API does (id, webhook_url…). */
export async function createBundle(page: Page, workspaceId: string, document: unknown) {
  const created = await apiCall(page, "POST", `/w/${workspaceId}/bundles`, document);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json as { id: string; webhook_url: string };
}

export async function createConnection(page: Page, workspaceId: string, app: string, name: string, fields: Record<string, unknown>): Promise<string> {
  const created = await apiCall(page, "POST", `/w/${workspaceId}/connections`, { app, name, fields });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.id;
}

/** A bot at the Telegram double (the global setup's); its id. */
export function telegramConnection(page: Page, workspaceId: string, name: string) {
  return createConnection(page, workspaceId, "telegram", name, { bot_token: FAKE_BOT_TOKEN, base_url: inject("fakes")["telegram.fake"] });
}

const FINAL = ["success", "failed", "stopped", "filtered"];

/**
 * Polls the API until the run has ended and returns it. No deadline of its own: a run that never
 * ends is reported by the test's timeout.
 */
export async function waitForRun(page: Page, workspaceId: string, runId: string) {
  for (;;) {
    const run = (await apiCall(page, "GET", `/w/${workspaceId}/runs/${runId}`)).json;
    if (FINAL.includes(run?.status)) return run;
    await page.waitForTimeout(200);
  }
}

/** Starts a run by hand with `payload`; its id. */
export async function forceRun(page: Page, workspaceId: string, bundleId: string, payload: unknown): Promise<string> {
  const started = await apiCall(page, "POST", `/w/${workspaceId}/bundles/${bundleId}/run`, { payload });
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  return started.json.run_id;
}

/** A control request to a double (`POST <double>/__admin/<path>`): seeds or edits what it holds. */
export async function fakeAdmin(host: string, path: string, body: unknown) {
  const res = await fetch(`${inject("fakes")[host]}/__admin/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json();
}

/** A spreadsheet at the Sheets double holding `sheets` (name → rows), and a connection to it. */
export async function sheetsConnection(page: Page, workspaceId: string, sheets: Record<string, unknown[][]>) {
  const { id: spreadsheetId } = await fakeAdmin("sheets.fake", "spreadsheets", { sheets });
  const { access_token } = await fakeAdmin("oauth2.fake", "access-token", { scope: "https://www.googleapis.com/auth/spreadsheets", subject: workspaceId });
  const connection = await createConnection(page, workspaceId, "google_sheets", "Orders sheet", { access_token, base_url: inject("fakes")["sheets.fake"] });
  return { spreadsheetId: spreadsheetId as string, connection };
}
