// Share links as people use them: an editor creates a link from the editor's "Share" dialog
// (only one test site may embed it, with the last runs shown); someone signed out opens it
// and sees the flow read-only with the bot token masked; a page on the allowed site shows it
// in an iframe from the dialog's snippet, a page on another site cannot; the visitor signs up
// through "Use this bundle" and copies it into their own workspace; the editor revokes the
// link from the workspace's list and the link page, and the embed, die. Someone whose workspace
// has no Telegram connection creates it right in "Use this bundle" and gets the copy with it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { FAKE_BOT_TOKEN } from "../fakes/telegram.ts";
import { apiCall, createBundle, forceRun, telegramConnection, waitForRun } from "./support/api";
import { browserForFile } from "./support/browser-per-file";
import { logOut, PASSWORD, screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const DEAD = "This link was revoked or never existed";

const owner = browserForFile({ acceptDialogs: true });
const visitor = browserForFile({ acceptDialogs: true });
const newcomer = browserForFile();
let site: Server;
let siteHtml = "";

beforeAll(async () => {
  // the "other site" that embeds the link: one page holding whatever iframe code it is given
  site = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(siteHtml));
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
});

afterAll(() => {
  site?.close();
});

/** Signed out, "Use this bundle" on the link → sign up (the link page comes back); the new workspace's id. */
async function signUpFromLink(page: Page, url: string, workspace: string): Promise<string> {
  await page.goto(url);
  await page.getByRole("link", { name: "Use this bundle" }).click();
  await page.waitForURL(/\/login\?next=/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.waitForURL(/\/signup\?next=/);
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("copier"));
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Workspace name", { exact: true }).fill(workspace);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL(url);
  return (await apiCall(page, "GET", "/me")).json.workspaces[0].id as string;
}

test("a share link: created in the editor, seen signed out, embedded, copied into another workspace, revoked", async () => {
  const sitePort = (site.address() as AddressInfo).port;
  const allowedOrigin = `http://127.0.0.1:${sitePort}`;

  // the owner's bundle: a webhook → a Telegram message whose text holds the bot token → if/else
  const page = owner.page;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("sharer"), workspace: "Sharer Co" });
  const connectionId = await telegramConnection(page, workspaceId, "Sales bot");
  const { id: bundleId } = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Lead to Telegram",
    trigger: { id: "hook", app: "webhook", event: "catch" },
    steps: [
      { id: "notify", kind: "action", app: "telegram", action: "send_message", connection: connectionId, input: { chat_id: "-100555", text: `New lead {{hook.name}} (bot ${FAKE_BOT_TOKEN})` } },
      { id: "check", kind: "if", when: { left: "{{hook.name}}", op: "not_empty" }, then: [{ id: "done", kind: "stop" }], else: [] },
    ],
  });
  const runId = await forceRun(page, workspaceId, bundleId, { name: "Ann" });
  expect((await waitForRun(page, workspaceId, runId)).status).toBe("stopped"); // the if's stop step ends it

  // Share, from the editor: only the test site may embed it; the status and last 5 runs shown
  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share “Lead to Telegram”" });
  await dialog.getByLabel("Only these origins").check();
  await dialog.getByLabel("Origins, one per line").fill(allowedOrigin);
  await dialog.getByLabel("Show the status and the last runs (0–20)").fill("5");
  await dialog.getByRole("button", { name: "Create link" }).click();
  await dialog.getByText("Copy it now: it is shown only once.").waitFor();
  const url = await dialog.getByLabel("Link", { exact: true }).inputValue();
  const snippet = await dialog.getByLabel("Embed code").inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
  const token = url.split("/s/")[1];
  expect(snippet).toContain(`/embed/${token}`);
  await expect.poll(() => dialog.getByRole("row").count()).toBe(2); // the header and the new link
  await dialog.getByRole("button", { name: "Close" }).click();

  // signed out (another browser profile): the flow, read-only, without the bot token
  const v = visitor.page;
  const response = await v.goto(url);
  expect(response?.status()).toBe(200);
  await v.getByText("Shared bundle", { exact: true }).waitFor();
  await v.getByRole("heading", { name: "Lead to Telegram", level: 1 }).waitFor();
  await v.getByRole("heading", { name: "Webhook: Incoming webhook" }).waitFor();
  const step = v.locator('article.step[data-step-id="notify"]');
  await step.getByText("Telegram: Send message").waitFor();
  expect(await step.getByLabel(/^Text/).inputValue()).toBe("New lead {{hook.name}} (bot ••••)");
  expect(await step.getByLabel("Chat ID", { exact: true }).isDisabled()).toBe(true);
  expect(await step.getByLabel("Telegram connection").locator("option:checked").textContent()).toContain("(placeholder)");
  expect(await v.locator('article.step[data-step-id="done"]').count()).toBe(1); // the if's branch
  expect(await v.getByRole("button", { name: /Add a step/ }).count()).toBe(0);
  expect(await v.getByRole("button", { name: /^Insert a field into/ }).count()).toBe(0); // no variable picker
  expect(await v.getByRole("button", { name: /^(Add a condition|Move|Delete)/ }).count()).toBe(0);
  expect(await v.content()).not.toContain(FAKE_BOT_TOKEN);
  expect(await v.getByText("Status: Disabled").count()).toBe(1);
  await screenshot(v, "share-view");

  // embedded with the dialog's snippet in a page of the allowed site: it renders
  siteHtml = `<!doctype html><title>Our status page</title><h1>Our status page</h1>${snippet}`;
  await v.goto(`${allowedOrigin}/`);
  const frame = v.frameLocator("iframe");
  await frame.getByRole("heading", { name: "Lead to Telegram" }).waitFor();
  await frame.getByText("Status: Disabled").waitFor();
  await frame.getByRole("cell", { name: "Stopped" }).waitFor();
  expect(await frame.getByText("Shared bundle", { exact: true }).count()).toBe(0); // no chrome
  await screenshot(v, "embed");
  // the same page on another origin is refused by the link's frame-ancestors
  await v.goto(`http://localhost:${sitePort}/`);
  await v.waitForLoadState("load");
  await expect.poll(() => v.frames().find((f) => f !== v.mainFrame())?.url()).toMatch(/^chrome-error:/);

  // "Use this bundle" signed out → sign up (the page comes back) → map the connection → copy
  const copierWs = await signUpFromLink(v, url, "Copier Ltd");
  expect(copierWs).not.toBe(workspaceId);
  const copierConnection = await telegramConnection(v, copierWs, "Our bot");
  await v.getByRole("button", { name: "Use this bundle" }).click();
  const form = v.getByRole("region", { name: "Use this bundle" });
  expect(await form.getByLabel("Copy into workspace").inputValue()).toBe(copierWs);
  const mapping = form.getByLabel(/^Connection “.+” \(Telegram\)$/);
  await expect.poll(() => mapping.inputValue()).toBe(copierConnection); // the only candidate
  await form.getByRole("button", { name: "Copy bundle" }).click();
  await v.waitForURL(new RegExp(`/w/${copierWs}/bundles/[^/]+$`));
  expect(await v.getByLabel("Bundle name").inputValue()).toBe("Lead to Telegram");
  const copyId = new URL(v.url()).pathname.split("/").at(-1);
  const copy = await apiCall(v, "GET", `/w/${copierWs}/bundles/${copyId}`);
  expect(copy.json.enabled).toBe(false);
  expect(copy.json.document.steps[0]).toMatchObject({ id: "notify", connection: copierConnection });

  // revoked from the workspace's list of links: the link page and the embed die
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/shares`);
  const list = page.getByRole("table", { name: "Share links" });
  await list.getByRole("link", { name: "Lead to Telegram" }).waitFor();
  await list.getByRole("button", { name: /^Revoke link / }).click();
  await list.getByText(/^Revoked /).waitFor();
  const dead = await v.goto(url);
  expect(dead?.status()).toBe(200); // the SPA's page; the API under it answers 404
  await v.getByRole("heading", { name: DEAD }).waitFor();
  expect(await v.getByRole("heading", { name: "Lead to Telegram" }).count()).toBe(0);
  const deadEmbed = await v.goto(url.replace("/s/", "/embed/"));
  expect(deadEmbed?.status()).toBe(404);
  await v.getByRole("heading", { name: DEAD }).waitFor();
});

test("Use this bundle in a workspace without a Telegram connection creates it in place and copies the bundle with it", async () => {
  // a bundle shared by someone, made in the same browser before they log out
  const page = newcomer.page;
  const sharerWs = await signUp(page, baseUrl, { email: uniqueEmail("sharer2"), workspace: "Bakery" });
  const { id: bundleId } = await createBundle(page, sharerWs, {
    format: "bundle/1",
    name: "Orders to the bakers' chat",
    trigger: { id: "order", app: "webhook", event: "catch" },
    steps: [{ id: "tell", kind: "action", app: "telegram", action: "send_message", connection: await telegramConnection(page, sharerWs, "Bakery bot"), input: { chat_id: "-100777", text: "Order {{order.id}}" } }],
  });
  const share = await apiCall(page, "POST", `/w/${sharerWs}/bundles/${bundleId}/shares`, {});
  expect(share.status, JSON.stringify(share.json)).toBe(201);
  const url = share.json.url as string;
  await logOut(page);

  // a new user signs up from the link: their workspace has no connection at all
  const copierWs = await signUpFromLink(page, url, "Cake Corner");
  await page.getByRole("button", { name: "Use this bundle" }).click();
  const form = page.getByRole("region", { name: "Use this bundle" });
  await form.getByText("There is no Telegram connection in this workspace yet. Create it here:").waitFor();
  // no empty choice to get stuck on: the Connections page's form, open in place
  expect(await form.getByRole("combobox", { name: /^Connection “.+” \(Telegram\)$/ }).count()).toBe(0);
  const inPlace = form.getByRole("region", { name: "New Telegram connection" });
  await inPlace.getByLabel("Connection name").fill("Our bot");
  await inPlace.getByLabel("Bot token").fill(FAKE_BOT_TOKEN);
  await inPlace.getByLabel("Base URL").fill(inject("fakes")["telegram.fake"]);
  await inPlace.getByRole("button", { name: "Save and test" }).click();
  await form.getByText("“Our bot” is created and chosen.").waitFor();
  const created = (await apiCall(page, "GET", `/w/${copierWs}/connections`)).json.items as Array<{ id: string; name: string }>;
  expect(created.map((c) => c.name)).toEqual(["Our bot"]);
  expect(await form.getByLabel(/^Connection “.+” \(Telegram\)$/).inputValue()).toBe(created[0].id);

  await form.getByRole("button", { name: "Copy bundle" }).click();
  await page.waitForURL(new RegExp(`/w/${copierWs}/bundles/[^/]+$`));
  expect(await page.getByLabel("Bundle name").inputValue()).toBe("Orders to the bakers' chat");
  const copyId = new URL(page.url()).pathname.split("/").at(-1);
  const copy = await apiCall(page, "GET", `/w/${copierWs}/bundles/${copyId}`);
  expect(copy.json.document.steps[0]).toMatchObject({ id: "tell", connection: created[0].id });
});
