// Workspace settings: an API key is shown once and then known by its prefix; members are
// invited with a role (someone with an account joins by accepting after logging in), and a
// viewer sees the settings read-only; the webhook rate per URL is saved with the other settings;
// the owner spreads a busy bundle over the run ledgers.
import { expect, inject, test } from "vitest";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle } from "./support/api";
import { BUNDLES_URL, logIn, logOut, screenshot, signUp, uniqueEmail, workspaceIdOf } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile({ acceptDialogs: true });

test("an API key is shown once, then listed by its prefix, and can be revoked", async () => {
  const { page } = browser;
  await signUp(page, baseUrl, { email: uniqueEmail("keys"), workspace: "Keys Inc" });

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
  expect(await page.getByText("No API keys yet.").isVisible()).toBe(true);

  await page.getByLabel("Name", { exact: true }).fill("CRM sync script");
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Create key" }).click();

  await page.getByText("Copy it now: it will not be shown again.").waitFor();
  const key = await page.getByLabel("Key", { exact: true }).inputValue();
  expect(key.length).toBeGreaterThan(20);
  await screenshot(page, "api-key-created");

  const list = page.getByRole("list", { name: "API keys" });
  const listed = await list.textContent();
  expect(listed).toContain("CRM sync script");
  const prefix = (await list.locator("code").first().textContent())!.replace("…", "");
  expect(key.startsWith(prefix)).toBe(true);

  await page.getByRole("button", { name: "I have saved it" }).click();
  await page.getByText("Copy it now").waitFor({ state: "detached" });
  expect(await page.content()).not.toContain(key);

  // after a reload the key is still listed, by prefix only
  await page.reload();
  await list.waitFor();
  expect(await list.textContent()).toContain(prefix);
  expect(await page.content()).not.toContain(key);
  await screenshot(page, "api-keys");

  await page.getByRole("button", { name: "Revoke key CRM sync script" }).click();
  await page.getByText("No API keys yet.").waitFor();
  await logOut(page);
});

test("an owner invites a viewer, who then sees members read-only and no API keys", async () => {
  const { page } = browser;
  const owner = uniqueEmail("owner");
  const viewer = uniqueEmail("viewer");
  const workspaceId = await signUp(page, baseUrl, { email: owner, workspace: "Team Space" });

  await page.goto(`${baseUrl}/w/${workspaceId}/settings/members`);
  await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
  await page.getByLabel("Email").fill(viewer);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Invite" }).click();
  await page.getByText(`${viewer} is invited`).waitFor();
  const members = page.getByRole("list", { name: "Members" });
  expect(await members.textContent()).toContain(viewer);
  expect(await members.textContent()).toContain("Invited");
  await screenshot(page, "members");

  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "members-phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await logOut(page);

  // the invited person signs up with that email and so joins the team's workspace as a viewer
  await signUp(page, baseUrl, { email: viewer, workspace: "Viewer's own" });
  await page.locator("summary", { hasText: "Viewer's own" }).click();
  await page.getByRole("link", { name: /Team Space/ }).click();
  await page.waitForURL(new RegExp(`/w/${workspaceId}/bundles$`));
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByText("Only owners and admins can invite members and change roles.").waitFor();
  expect(await page.getByRole("button", { name: "Invite" }).count()).toBe(0);
  expect(await page.getByRole("list", { name: "Members" }).textContent()).toContain(owner);

  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
  await page.getByRole("status").first().waitFor();
  expect(await page.getByRole("button", { name: "Create key" }).count()).toBe(0);
  await screenshot(page, "api-keys-viewer");
  await logOut(page);

  // the owner promotes the viewer to admin
  await logIn(page, baseUrl, owner);
  await page.waitForURL(BUNDLES_URL);
  expect(workspaceIdOf(page)).toBe(workspaceId);
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/members`);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/members/") && r.request().method() === "PATCH"),
    page.getByLabel(`Role of ${viewer}`).selectOption("admin"),
  ]);
  await page.reload();
  expect(await page.getByLabel(`Role of ${viewer}`).inputValue()).toBe("admin");
});

test("a new workspace is created from the switcher and opened", async () => {
  const { page } = browser;
  await page.locator("summary", { hasText: "Team Space" }).click();
  await page.getByRole("button", { name: "New workspace" }).click();
  const dialog = page.getByRole("dialog", { name: "New workspace" });
  await dialog.getByLabel("Name").fill("Second Team");
  await dialog.getByRole("button", { name: "Create" }).click();
  await page.waitForURL((url) => BUNDLES_URL.test(url.pathname) && !url.pathname.includes("undefined"));
  await page.getByRole("heading", { name: "No bundles yet" }).waitFor();
  expect(await page.locator("summary").textContent()).toContain("Second Team");
  // both workspaces are in the switcher
  await page.locator("summary").click();
  const list = page.getByRole("list", { name: "Workspace" });
  expect(await list.getByRole("link").allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining("Team Space"), expect.stringContaining("Second Team")]),
  );
});

test("the webhook deliveries per second per URL are saved with the other settings", async () => {
  const { page } = browser;
  await page.context().clearCookies();
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("hook-rate"), workspace: "Busy Shop" });
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/workspace`);
  await page.getByRole("heading", { name: "Workspace settings" }).waitFor();
  const rate = page.getByLabel("Webhook deliveries per second, per URL");
  expect(await rate.inputValue()).toBe("100");

  await rate.fill("250");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
  expect((await apiCall(page, "GET", `/w/${workspaceId}/settings`)).json.hook_rate_per_second).toBe(250);
  await page.reload();
  expect(await page.getByLabel("Webhook deliveries per second, per URL").inputValue()).toBe("250");

  // out of range: refused next to the field, nothing saved
  await page.getByLabel("Webhook deliveries per second, per URL").fill("1001");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect.poll(() => page.getByLabel("Webhook deliveries per second, per URL").getAttribute("aria-invalid"), { timeout: 10_000 }).toBe("true");
  expect((await apiCall(page, "GET", `/w/${workspaceId}/settings`)).json.hook_rate_per_second).toBe(250);
});

test("the owner spreads a busy bundle over the run ledgers: it is listed by name and stays spread", async () => {
  const { page } = browser;
  await page.context().clearCookies();
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("spread"), workspace: "Hot Shop" });
  const manual = (name: string) => ({ format: "bundle/1", name, trigger: { id: "start", app: "manual", event: "run" }, steps: [] });
  const hot = (await createBundle(page, workspaceId, manual("Orders from the site"))).id;
  await createBundle(page, workspaceId, manual("Quiet one"));
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/workspace`);
  await page.getByRole("heading", { name: "Workspace settings" }).waitFor();

  await page.getByLabel("Bundles spread over the run ledgers").selectOption({ label: "Orders from the site" });
  await page.getByRole("button", { name: "Spread", exact: true }).click();
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
  expect((await apiCall(page, "GET", `/w/${workspaceId}/settings`)).json.ledger_spread).toEqual([hot]);

  await page.reload();
  await page.getByRole("listitem").filter({ hasText: "Orders from the site" }).waitFor();
  await screenshot(page, "settings-ledger-spread");
  // Only the bundles not spread yet can be chosen.
  const choices = await page.getByLabel("Bundles spread over the run ledgers").locator("option").allTextContents();
  expect(choices).toContain("Quiet one");
  expect(choices).not.toContain("Orders from the site");
});

test("a registered user invited to a workspace sees the invitation after logging in and joins by accepting it", async () => {
  const { page } = browser;
  await page.context().clearCookies();
  const invitee = uniqueEmail("invitee");
  await signUp(page, baseUrl, { email: invitee, workspace: "Invitee's own" });
  await logOut(page);
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("host"), workspace: "Host Shop" });
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/members`);
  await page.getByLabel("Email").fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Invite" }).click();
  // As for an email without an account: invited, no name shown, not a member yet.
  await page.getByText(`${invitee} is invited and joins on accepting`).waitFor();
  const row = page.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText: invitee });
  expect(await row.textContent()).toContain("Invited");
  await logOut(page);

  await logIn(page, baseUrl, invitee);
  await page.waitForURL(BUNDLES_URL);
  const invitations = page.getByRole("region", { name: "Invitations to join a workspace" });
  await invitations.getByText("invites you to “Host Shop” as Editor.").waitFor();
  await invitations.getByRole("button", { name: "Join Host Shop" }).click();
  await page.waitForURL(new RegExp(`/w/${workspaceId}/bundles$`));
  expect(await page.locator("summary").textContent()).toContain("Host Shop");
  expect(await page.getByRole("region", { name: "Invitations to join a workspace" }).count()).toBe(0);
});
