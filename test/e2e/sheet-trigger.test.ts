// The Sheets trigger in the dashboard (decision 0031): its settings explain the key column and
// the two modes, in English and Russian; the run page says which row started the run (its key
// and its number at the time), after a row above was deleted.
import { expect, inject, test } from "vitest";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, fakeAdmin, sheetsConnection, waitForRun } from "./support/api";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile();

test("the trigger explains its modes in en and ru; the run page names the row by key and number", async () => {
  const { page } = browser;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("sheetrows"), workspace: "Sheet Shop" });
  const { spreadsheetId, connection } = await sheetsConnection(page, workspaceId, { Orders: [["order_id", "title"], ["A-1", "First"], ["A-2", "Second"]] });
  const { id: bundleId } = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "New orders",
    trigger: { id: "row", app: "google_sheets", event: "new_rows", connection, options: { spreadsheet_id: spreadsheetId, sheet: "Orders", key_column: "order_id" }, schedule: { every_minutes: 5 } },
    steps: [{ id: "s", kind: "stop", reason: "{{row.title}}" }],
  });

  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  const keyColumn = page.getByLabel("Key column", { exact: true });
  await keyColumn.waitFor();
  expect(await keyColumn.inputValue()).toBe("order_id");
  const options = page.getByRole("group", { name: "Trigger settings", exact: true });
  expect(await options.textContent()).toContain("A row runs once per key, wherever it moves in the sheet.");
  expect(await options.getByLabel("Run for", { exact: true }).locator("option").allTextContents()).toEqual(["Default (New rows)", "New rows", "New or updated rows"]);
  expect(await options.textContent()).toContain("once per change, when one of the watched columns of a row changes");

  await page.getByLabel("Language").selectOption("ru");
  await page.getByLabel("Ключевой столбец", { exact: true }).waitFor();
  const ru = await page.getByRole("group", { name: "Настройки триггера", exact: true }).textContent();
  expect(ru).toContain("Строка запускает связку один раз на ключ");
  expect(ru).toContain("по разу на каждое изменение");
  expect(await page.getByLabel("Запускать на", { exact: true }).locator("option").allTextContents()).toEqual(["По умолчанию (Новые строки)", "Новые строки", "Новые или изменённые строки"]);
  await page.getByLabel("Язык").selectOption("en");

  // Prime, delete the first row, append one: it lands on a row number already read, and runs.
  expect((await apiCall(page, "POST", `/w/${workspaceId}/bundles/${bundleId}/run`, {})).json).toMatchObject({ primed: true });
  await fakeAdmin("sheets.fake", "sheet", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: [["order_id", "title"], ["A-2", "Second"]] });
  await fakeAdmin("sheets.fake", "rows", { spreadsheet_id: spreadsheetId, sheet: "Orders", rows: [["A-3", "Third"]] });
  const polled = await apiCall(page, "POST", `/w/${workspaceId}/bundles/${bundleId}/run`, {});
  expect(polled.json.run_ids).toHaveLength(1);
  await waitForRun(page, workspaceId, polled.json.run_ids[0]);

  await page.goto(`${baseUrl}/w/${workspaceId}/runs/${polled.json.run_ids[0]}`);
  await page.getByText("sheet row 3, key A-3").waitFor();
});
