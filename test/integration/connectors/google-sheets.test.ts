// Google Sheets against the Sheets and Google OAuth doubles, through the real HTTP client and
// the global fetch: service-account JWTs, ragged rows, append. The trigger's polls: test/integration/sheet-rows.test.ts.
import { describe, expect, it } from "vitest";
import { googleSheets, sheetsFor } from "../../../worker/connectors/google_sheets";
import { mapRow, readRowsFrom } from "../../../worker/connectors/google_sheets/rows";
import { connectorError, harness } from "./support";
import { admin } from "../support/fakes";

const SHEETS = "http://sheets.fake";
const OAUTH = "http://oauth2.fake";
const append = googleSheets.actions.append_row;

async function serviceAccount() {
  const key = await admin(OAUTH, "service-account", {});
  return { connection: { service_account_json: JSON.stringify(key), base_url: SHEETS }, email: key.client_email as string };
}

async function spreadsheet(sheets: Record<string, string[][]>) {
  return (await admin(SHEETS, "spreadsheets", { sheets })).id as string;
}

const grantsFor = async (email: string) => ((await admin(OAUTH, "state")).grants as Array<{ subject: string }>).filter((g) => g.subject === email).length;

describe("reading rows", () => {
  it("reads ragged rows, and an empty range (no `values`) as no rows", async () => {
    const { connection } = await serviceAccount();
    const t = harness(connection);
    const id = await spreadsheet({ "Заявки": [["Имя", "Телефон", "Email"], ["Иван", "+79001112233"], [], ["Мария", "", "m@x.ru"]] });
    const client = sheetsFor(t);
    const page = await readRowsFrom(client, { spreadsheetId: id, sheet: "Заявки", fromRow: 2 });
    expect(page).toEqual({ rows: [["Иван", "+79001112233"], [], ["Мария", "", "m@x.ru"]], fromRow: 2, nextRow: 5 });
    expect(mapRow(["Имя", "Телефон", "Email"], page.rows[0])).toEqual({ Имя: "Иван", Телефон: "+79001112233", Email: "" });
    expect(await readRowsFrom(client, { spreadsheetId: id, sheet: "Заявки", fromRow: 50 })).toEqual({ rows: [], fromRow: 50, nextRow: 50 });
  });

  it("signs one JWT per service account and reuses the token until it expires", async () => {
    const { connection, email } = await serviceAccount();
    const id = await spreadsheet({ Sheet1: [["a"]] });
    await readRowsFrom(sheetsFor(harness(connection)), { spreadsheetId: id, sheet: "Sheet1", fromRow: 1 });
    await readRowsFrom(sheetsFor(harness(connection)), { spreadsheetId: id, sheet: "Sheet1", fromRow: 1 });
    expect(await grantsFor(email)).toBe(1);
  });

  it("reports the read quota's 429 as transient", async () => {
    const { connection } = await serviceAccount();
    const id = await spreadsheet({ Sheet1: [["a"]] });
    await admin(SHEETS, "knobs", { failNext: { count: 1, status: 429 } });
    const err = await connectorError(readRowsFrom(sheetsFor(harness(connection)), { spreadsheetId: id, sheet: "Sheet1", fromRow: 1 }));
    expect(err.options).toMatchObject({ transient: true, status: 429 });
  });
});

describe("append_row", () => {
  it("puts values under their headers (USER_ENTERED) after the last row", async () => {
    const { connection } = await serviceAccount();
    const t = harness(connection);
    const id = await spreadsheet({ Orders: [["Date", "Name", "Sum"], ["01.01", "A", "1"]] });
    const out = await t.run(append, { spreadsheet_id: id, sheet: "Orders", values: { Sum: 1500, name: "Пётр" } });
    expect(out).toEqual({ row_number: 3, updated_range: "'Orders'!A3:C3" });
    const state = await admin(SHEETS, "state");
    expect(state.spreadsheets[id].Orders[2]).toEqual(["", "Пётр", "1500"]);
    expect(state.appends.find((a: any) => a.spreadsheetId === id).valueInputOption).toBe("USER_ENTERED");
  });

  it("names the columns that do not exist", async () => {
    const { connection } = await serviceAccount();
    const id = await spreadsheet({ Orders: [["Name"]] });
    const err = await connectorError(harness(connection).run(append, { spreadsheet_id: id, sheet: "Orders", values: { Nmae: "x" } }));
    expect(err.message).toBe('No column named "Nmae" in row 1 of "Orders".');
  });
});

describe("OAuth connections and the connection test", () => {
  it("refreshes an expired OAuth token on a 401 and stores it", async () => {
    const client = await admin(OAUTH, "refresh-token", { scope: "https://www.googleapis.com/auth/spreadsheets" });
    const { access_token } = await admin(OAUTH, "access-token", { scope: "https://www.googleapis.com/auth/spreadsheets" });
    await admin(OAUTH, "expire", { access_token });
    const t = harness({ access_token, refresh_token: client.refresh_token, client_id: client.client_id, client_secret: client.client_secret, token_url: `${OAUTH}/token`, base_url: SHEETS });
    const id = await spreadsheet({ Sheet1: [["x"]] });
    expect((await readRowsFrom(sheetsFor(t), { spreadsheetId: id, sheet: "Sheet1", fromRow: 1 })).rows).toEqual([["x"]]);
    expect(t.stored).toEqual([{ access_token: expect.stringMatching(/^ya29\./), expires_at: expect.any(String) }]);
  });

  it("reads A1 of the test spreadsheet, and explains a service account Google refuses", async () => {
    const { connection } = await serviceAccount();
    const id = await spreadsheet({ Sheet1: [["x"]] });
    const ok = harness({ ...connection, spreadsheet_id: id });
    await googleSheets.connection!.test({ connection: ok.connection, http: ok.http, store: ok.store });
    await googleSheets.connection!.test({ connection, http: ok.http, store: ok.store });
    const forged = JSON.parse(connection.service_account_json);
    forged.client_email = "nobody@fake-project.iam.gserviceaccount.com";
    const err = await connectorError(googleSheets.connection!.test({ connection: { ...connection, service_account_json: JSON.stringify(forged) }, http: ok.http, store: ok.store }));
    expect(err.message).toBe("Google refused to refresh the access token (HTTP 400: invalid_grant: Invalid JWT: unknown issuer (iss).). Reconnect the account.");
  });
});
