// A share link that expires: it works until its time, then the link page and the embed say
// it expired and when (the API answers 410), show nothing of the bundle, and the owner's list
// of links marks it expired.
import { expect, inject, test } from "vitest";
import { apiCall, createBundle } from "./support/api";
import { browserForFile } from "./support/browser-per-file";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const owner = browserForFile();
const visitor = browserForFile();

test("an expired share link says when it expired, on the link page and the embed, and shows nothing of the bundle", async () => {
  const page = owner.page;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("expiring"), workspace: "Expiring Co" });
  const bundle = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Short-lived flow",
    trigger: { id: "hook", app: "webhook", event: "catch" },
    steps: [{ id: "done", kind: "stop" }],
  });
  // the API refuses an expiry in the past, so the link is made to expire in a few seconds
  const expiresAt = new Date(Date.now() + 4_000).toISOString();
  const share = await apiCall(page, "POST", `/w/${workspaceId}/bundles/${bundle.id}/shares`, { expires_at: expiresAt });
  expect(share.status, JSON.stringify(share.json)).toBe(201);
  const url = share.json.url as string;

  // before its time: the flow
  const v = visitor.page;
  await v.goto(url);
  await v.getByRole("heading", { name: "Short-lived flow", level: 1 }).waitFor();

  // after: the API says 410, and the page says so with the date
  const token = url.split("/s/")[1];
  await expect.poll(async () => (await fetch(`${baseUrl}/api/v1/shares/${token}`)).status, { timeout: 15_000, interval: 500 }).toBe(410);
  const when = await v.evaluate(
    (iso) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    expiresAt,
  );
  const expired = `This link expired on ${when}`;
  const response = await v.goto(url);
  expect(response?.status()).toBe(200); // the SPA's page; the API under it answers 410
  await v.getByRole("heading", { name: expired, level: 1 }).waitFor();
  expect(await v.getByRole("alert").textContent()).toContain("Ask the person who sent it for a new link.");
  expect(await v.getByRole("heading", { name: "Short-lived flow" }).count()).toBe(0);
  expect(await v.getByRole("link", { name: "Use this bundle" }).count()).toBe(0);
  expect(await v.title()).toBe(`${expired} · Svyazka`);
  await screenshot(v, "share-expired");

  // the embed answers 410 itself, with the same words
  const embed = await v.goto(url.replace("/s/", "/embed/"));
  expect(embed?.status()).toBe(410);
  await v.getByRole("heading", { name: expired, level: 1 }).waitFor();
  expect(await v.locator("article.step").count()).toBe(0);

  // the owner's list of links marks it expired
  await page.goto(`${baseUrl}/w/${workspaceId}/settings/shares`);
  const row = page.getByRole("table", { name: "Share links" }).getByRole("row", { name: /Short-lived flow/ });
  await row.getByRole("cell", { name: "Expired", exact: true }).waitFor();
});
