// Live feedback (issue 20, item 7; decision 0029): the runs list and a run's page follow runs
// started after the page was opened, and a Google Sheets bundle's page counts its sync up to the
// final numbers, with no reload. Each run calls a server of this file that holds its request
// until the test lets it go, so "still running" is a state the test controls, not a race.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, fakeAdmin, forceRun, sheetsConnection } from "./support/api";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();
const WAIT = { timeout: 30_000, interval: 200 };

/** Answers every request it is sent, but only while open; closed, it keeps them until opened. */
function heldService() {
  const held: ServerResponse[] = [];
  let open = true;
  let received = 0;
  const answer = (res: ServerResponse) => res.writeHead(200, { "content-type": "application/json", connection: "close" }).end('{"ok":true}');
  const server = createServer((req, res) => {
    req.resume();
    received += 1;
    if (open) answer(res);
    else held.push(res);
  });
  return {
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    hold: () => void (open = false),
    release: () => {
      open = true;
      for (const res of held.splice(0)) answer(res);
    },
  };
}

const service = heldService();
beforeAll(() => new Promise<void>((done) => service.server.listen(0, "127.0.0.1", done)));
afterAll(() => {
  service.release();
  return new Promise<void>((done) => service.server.close(() => done()));
});

let workspaceId: string;

/** Set once a page is open: still there later means the page was never reloaded. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
const stillUnreloaded = (page: Page) => page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded === true);

test("the runs list and a run's page follow a run started after they were opened, queued or running to finished", async () => {
  const { page } = browser;
  workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("live"), workspace: "Live feedback" });
  const { id: bundleId } = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Slow call",
    trigger: { id: "start", app: "manual", event: "run" },
    steps: [{ id: "call", kind: "action", app: "http", action: "request", input: { method: "GET", url: `${service.url()}/orders?id={{start.order}}` } }],
  });

  // The runs list, opened before any run exists, shows a new run by itself and follows it to the end.
  await page.goto(`${baseUrl}/w/${workspaceId}/runs`);
  await page.getByRole("heading", { name: "Runs", level: 1 }).waitFor();
  expect(await page.getByRole("row").count()).toBe(0);
  await markPage(page);
  service.hold();
  const first = await forceRun(page, workspaceId, bundleId, { order: "A-1" });
  await expect.poll(() => service.received(), WAIT).toBe(1);
  const row = page.getByRole("row").filter({ hasText: "Slow call" });
  await expect.poll(() => row.textContent(), WAIT).toContain("Running");
  expect(await page.getByRole("status").filter({ hasText: "Updating while runs are in progress" }).count()).toBe(1);
  service.release();
  await expect.poll(() => row.textContent(), WAIT).toContain("Succeeded");
  expect(await row.count()).toBe(1);
  expect(await stillUnreloaded(page)).toBe(true);

  // A run's page, opened while the run is running, shows it finish.
  service.hold();
  const second = await forceRun(page, workspaceId, bundleId, { order: "A-2" });
  await expect.poll(() => service.received(), WAIT).toBe(2);
  await page.goto(`${baseUrl}/w/${workspaceId}/runs/${second}`);
  const header = page.locator(".page-header");
  await expect.poll(() => header.textContent(), WAIT).toContain("Running");
  await page.getByText("In progress: this page updates by itself.").waitFor();
  await markPage(page);
  service.release();
  await expect.poll(() => header.textContent(), WAIT).toContain("Succeeded");
  expect(await page.getByText("In progress: this page updates by itself.").count()).toBe(0);
  expect(await stillUnreloaded(page)).toBe(true);
  expect(second).not.toBe(first);
});

test("a sheet with many new rows shows its sync counting up to the final numbers, in en and ru", async () => {
  const { page } = browser;
  const NEW_ROWS = 60;
  const { spreadsheetId, connection } = await sheetsConnection(page, workspaceId, { Orders: [["order_id", "title"], ["A-0", "Before"]] });
  const { id: bundleId } = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Orders to the CRM",
    trigger: { id: "row", app: "google_sheets", event: "new_rows", connection, options: { spreadsheet_id: spreadsheetId, sheet: "Orders", key_column: "order_id" }, schedule: { every_minutes: 5 } },
    steps: [{ id: "call", kind: "action", app: "http", action: "request", input: { method: "GET", url: `${service.url()}/orders?id={{row.order_id}}` } }],
  });

  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Sheet sync" }) });
  await panel.getByText("The sheet has not been read yet").waitFor();
  await markPage(page);
  const text = async () => (await panel.textContent()) ?? "";
  const counts = () => panel.getByRole("listitem").allTextContents();

  // The first read notes the row already there and starts nothing.
  await panel.getByRole("button", { name: "Read the sheet now" }).click();
  await expect.poll(counts, WAIT).toContain("1 row read");
  expect(await counts()).toEqual(["1 row read", "0 runs started", "0 finished", "0 failed"]);
  expect(await text()).toContain("The next read starts at row 3.");

  // Many new rows: all their runs start at once and are held; as they are let go, they count up.
  const received = service.received();
  service.hold();
  await fakeAdmin("sheets.fake", "rows", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: Array.from({ length: NEW_ROWS }, (_, i) => [`A-${i + 1}`, `Order ${i + 1}`]) });
  await panel.getByRole("button", { name: "Read the sheet now" }).click();
  await expect.poll(counts, WAIT).toContain(`${NEW_ROWS} runs started`);
  await expect.poll(() => service.received(), WAIT).toBeGreaterThan(received);
  expect(await counts()).toEqual([`${NEW_ROWS + 1} rows read`, `${NEW_ROWS} runs started`, "0 finished", "0 failed", `${NEW_ROWS} waiting or running`]);
  expect(await text()).toContain("In progress");
  const progress = panel.getByRole("progressbar", { name: "Runs finished" });
  expect(await progress.getAttribute("max")).toBe(String(NEW_ROWS));
  service.release();
  await expect.poll(counts, { ...WAIT, timeout: 60_000 }).toContain(`${NEW_ROWS} finished`);
  expect(await counts()).toEqual([`${NEW_ROWS + 1} rows read`, `${NEW_ROWS} runs started`, `${NEW_ROWS} finished`, "0 failed"]);
  expect(await text()).toContain("Up to date");
  expect(await progress.getAttribute("value")).toBe(String(NEW_ROWS));
  expect(await text()).toContain(`The next read starts at row ${NEW_ROWS + 3}.`);
  expect(await stillUnreloaded(page)).toBe(true);
  expect(service.received() - received).toBe(NEW_ROWS);

  // Russian, with its plural forms: 61 is "one" (прочитана 61 строка), 60 is "many".
  await page.getByLabel("Language").selectOption("ru");
  const ru = page.locator("section", { has: page.getByRole("heading", { name: "Синхронизация таблицы" }) });
  await ru.waitFor();
  expect(await ru.getByRole("listitem").allTextContents()).toEqual([`прочитана ${NEW_ROWS + 1} строка`, `начато ${NEW_ROWS} запусков`, `завершено ${NEW_ROWS}`, "0 с ошибкой"]);
  expect(await ru.textContent()).toContain("Всё прочитано");
  await page.getByLabel("Язык").selectOption("en");
  expect((await apiCall(page, "GET", `/w/${workspaceId}/bundles/${bundleId}/sync`)).json).toEqual({ next_row: NEW_ROWS + 3, runs: { started: NEW_ROWS, open: 0, finished: NEW_ROWS, failed: 0 } });
});
