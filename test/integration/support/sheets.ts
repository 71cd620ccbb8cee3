// A spreadsheet in the Sheets double, a workspace connection to it, and a `new_rows` bundle.
// Each workspace's token has its own Google user, so one test's reads do not use up another's
// per-user read quota.
import { call } from "./api";
import { createBundle } from "./runs";

export async function sheetBundle(u: { token: string; workspaceId: string }, rows: string[][], extra: Record<string, unknown> = {}) {
  const { id: spreadsheetId } = (await (
    await fetch("http://sheets.fake/__admin/spreadsheets", { method: "POST", body: JSON.stringify({ sheets: { Orders: rows } }) })
  ).json()) as { id: string };
  const { access_token } = (await (
    await fetch("http://oauth2.fake/__admin/access-token", { method: "POST", body: JSON.stringify({ scope: "https://www.googleapis.com/auth/spreadsheets", subject: u.workspaceId }) })
  ).json()) as { access_token: string };
  const conn = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
    token: u.token,
    body: { app: "google_sheets", name: "Sheets", fields: { access_token, base_url: "http://sheets.fake" } },
  });
  const document = {
    format: "bundle/1",
    name: "New orders",
    trigger: { id: "row", app: "google_sheets", event: "new_rows", connection: conn.json.id, options: { spreadsheet_id: spreadsheetId, sheet: "Orders" }, schedule: { every_minutes: 5 } },
    steps: [{ id: "s", kind: "stop", reason: "{{row.title}}" }],
    ...extra,
  };
  const id = await createBundle(u.token, u.workspaceId, document);
  const addRows = (added: string[][]) =>
    fetch("http://sheets.fake/__admin/rows", { method: "POST", body: JSON.stringify({ spreadsheet_id: spreadsheetId, sheet: "Orders", rows: added }) });
  return { id, document, spreadsheetId, addRows };
}
