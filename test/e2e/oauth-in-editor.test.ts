// Connecting an OAuth app from the editor (issue 20, item 1): "New amoCRM connection" on a
// step with none, "Connect with amoCRM", the amoCRM double's consent page, and back on the
// bundle's page with the new connection chosen for that step (an unsaved change, saved with Save).
import { afterAll, expect, inject, test } from "vitest";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, fakeAdmin } from "./support/api";
import { signUp, uniqueEmail } from "./support/user-flows";

// The product's own address (PUBLIC_URL, which OAuth redirects use) is localhost: the whole
// visit stays on it, so the session cookie goes along to the callback.
const baseUrl = inject("baseUrl").replace("//127.0.0.1:", "//localhost:");
const AMOCRM = inject("fakes")["amocrm.fake"];
const browser = browserForFile();

let defaultRedirect: string;
afterAll(async () => {
  if (defaultRedirect) await fakeAdmin("amocrm.fake", "knobs", { client: { client_id: "test-client", client_secret: "test-secret", redirect_uri: defaultRedirect } });
});

test("an amoCRM connection made with OAuth from a step comes back chosen for that step", async () => {
  const { page } = browser;
  const knobs = await fakeAdmin("amocrm.fake", "knobs", {});
  defaultRedirect = knobs.client.redirect_uri;
  // The integration registered in amoCRM sends the browser back to this product's callback.
  await fakeAdmin("amocrm.fake", "knobs", { client: { ...knobs.client, redirect_uri: `${baseUrl}/api/v1/oauth/callback` } });

  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("oauth-editor"), workspace: "OAuth in place" });
  const { id: bundleId } = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Leads to amoCRM",
    trigger: { id: "start", app: "manual", event: "run" },
    steps: [{ id: "find", kind: "action", app: "amocrm", action: "find_contact", input: { query: "{{start.phone}}" } }],
  });

  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  const step = page.locator("article.step", { has: page.locator("code", { hasText: "find" }) });
  await step.locator("button.toggle").click();
  const select = step.getByLabel("amoCRM connection");
  expect(await select.inputValue()).toBe("");
  await step.getByRole("button", { name: "New amoCRM connection" }).click();
  // the sign-in form (the fields form below it is the other way)
  const oauth = step.locator("form", { has: page.getByRole("button", { name: "Connect with amoCRM" }) });
  await oauth.getByLabel("Connection name").fill("Sales amoCRM");
  await oauth.getByLabel("Account URL (instead of the subdomain, e.g. https://xxx.kommo.com)").fill(AMOCRM);
  await oauth.getByLabel("OAuth: integration ID").fill("test-client");
  await oauth.getByLabel("OAuth: secret key").fill("test-secret");
  await oauth.getByRole("button", { name: "Connect with amoCRM" }).click();

  // consent → callback → Connections → back to the bundle, the answer gone from the address
  const back = page.locator("article.step", { has: page.locator("code", { hasText: "find" }) });
  const answer = back.locator("p.alert");
  await answer.waitFor({ timeout: 30_000 });
  expect(await answer.textContent()).toBe("“Sales amoCRM” is created and chosen.");
  expect(page.url()).toBe(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  const connections = (await apiCall(page, "GET", `/w/${workspaceId}/connections`)).json.items as Array<{ id: string; name: string }>;
  expect(connections.map((c) => c.name)).toEqual(["Sales amoCRM"]);
  expect(await back.getByLabel("amoCRM connection").inputValue()).toBe(connections[0].id);
  await page.getByRole("status").filter({ hasText: "unsaved changes" }).first().waitFor();

  await page.getByRole("button", { name: "Save" }).click();
  await expect
    .poll(async () => (await apiCall(page, "GET", `/w/${workspaceId}/bundles/${bundleId}`)).json.document.steps[0].connection, { timeout: 10_000 })
    .toBe(connections[0].id);
});
