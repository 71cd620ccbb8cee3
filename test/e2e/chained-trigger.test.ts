// "Another bundle → Bundle run finished" as a user sets it up: the bundle to run after is chosen
// from the workspace's bundles by name (no id to paste), the saved trigger holds that bundle's id
// and runs after it; in Russian too; a followed bundle that was deleted stays shown as such, and
// saving names the problem at the field. A share link, signed out, lists no bundles: it says the
// followed one is the author's.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, forceRun, waitForRun } from "./support/api";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile({ acceptDialogs: true });
const visitor = browserForFile();

const manualBundle = (name: string) => ({
  format: "bundle/1",
  name,
  trigger: { id: "start", app: "manual", event: "run" },
  steps: [{ id: "done", kind: "stop", status: "success", reason: "lead {{start.name}}" }],
});

/** The choices of the trigger's select labelled `label`, once it is there (it waits for the bundle list). */
async function optionTexts(page: Page, label: string) {
  const select = page.locator("article.trigger").getByLabel(label, { exact: true });
  await select.waitFor();
  return select.locator("option").allTextContents();
}

test("the bundle to run after is chosen by name; the saved trigger follows it and runs after its run", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("chain"), workspace: "Chains" });
  const leads = await createBundle(page, ws, manualBundle("Leads in"));
  const archive = await createBundle(page, ws, manualBundle("Archive"));
  expect((await apiCall(page, "POST", `/w/${ws}/bundles/${archive.id}/enable`)).status).toBe(200);

  await page.goto(`${baseUrl}/w/${ws}/bundles/new`);
  await page.getByLabel("Bundle name").fill("Thank the lead");
  const trigger = page.locator("article.trigger");
  await trigger.getByLabel("Service that starts the bundle").selectOption({ label: "Another bundle" });
  expect(await trigger.getByLabel("Event", { exact: true }).locator("option:checked").textContent()).toBe("Bundle run finished");
  const pick = trigger.getByLabel("Bundle", { exact: true });
  // by name, sorted, each saying whether it is on; nothing chosen yet
  expect(await optionTexts(page, "Bundle")).toEqual(["Choose a bundle", "Archive (on)", "Leads in (off)"]);
  expect(await pick.inputValue()).toBe("");
  await pick.selectOption({ label: "Leads in (off)" });
  await page.getByRole("button", { name: "Create bundle", exact: true }).click();
  await page.waitForURL(new RegExp(`/w/${ws}/bundles/(?!new)[^/?]+$`));
  const followerId = new URL(page.url()).pathname.split("/").at(-1)!;

  const saved = (await apiCall(page, "GET", `/w/${ws}/bundles/${followerId}`)).json;
  expect(saved.document.trigger).toMatchObject({ app: "bundle", event: "finished", options: { bundle: leads.id } });
  // saved, the bundle is not offered to follow itself; its choice reads by name
  const savedPick = page.locator("article.trigger").getByLabel("Bundle", { exact: true });
  expect(await optionTexts(page, "Bundle")).toEqual(["Choose a bundle", "Archive (on)", "Leads in (off)"]);
  expect(await savedPick.locator("option:checked").textContent()).toBe("Leads in (off)");

  // switched on, it runs once after a run of "Leads in", with that run's data
  expect((await apiCall(page, "POST", `/w/${ws}/bundles/${followerId}/enable`)).status).toBe(200);
  const leadRun = await forceRun(page, ws, leads.id, { name: "Ann" });
  await waitForRun(page, ws, leadRun);
  const followerRuns = async () => (await apiCall(page, "GET", `/w/${ws}/runs?bundle_id=${followerId}`)).json.items as Array<{ id: string }>;
  await expect.poll(followerRuns, { timeout: 30_000 }).toHaveLength(1);
  const chained = await waitForRun(page, ws, (await followerRuns())[0].id);
  expect(chained.trigger).toMatchObject({ run_id: leadRun, bundle_id: leads.id, status: "stopped", trigger: { name: "Ann" } });

  // in Russian
  await page.evaluate(() => localStorage.setItem("svyazka.locale", "ru"));
  await page.reload();
  expect(await optionTexts(page, "Связка")).toEqual(["Выберите связку", "Archive (включена)", "Leads in (выключена)"]);
  await page.evaluate(() => localStorage.setItem("svyazka.locale", "en"));

  // "Leads in" deleted: the field keeps its id and says so; saving is refused at the field
  expect((await apiCall(page, "DELETE", `/w/${ws}/bundles/${leads.id}`)).status).toBe(204);
  await page.reload();
  expect(await optionTexts(page, "Bundle")).toEqual(["Choose a bundle", "Archive (on)", `Deleted or unknown bundle (${leads.id})`]);
  expect(await savedPick.inputValue()).toBe(leads.id);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const fieldError = trigger.locator(".field").filter({ has: page.getByLabel("Bundle", { exact: true }) }).locator(".field-error");
  await fieldError.waitFor();
  expect(await fieldError.textContent()).toBe("The bundle to run after does not exist in this workspace.");
  expect(await savedPick.getAttribute("aria-invalid")).toBe("true");

  // choosing another bundle by name saves it
  await savedPick.selectOption({ label: "Archive (on)" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(/Saved as version/).waitFor();
  expect((await apiCall(page, "GET", `/w/${ws}/bundles/${followerId}`)).json.document.trigger.options.bundle).toBe(archive.id);
});

test("a share link draws the chained trigger without the author's bundles, signed out", async () => {
  const { page } = browser;
  const ws = await signUp(page, baseUrl, { email: uniqueEmail("chain-share"), workspace: "Shared chains" });
  const leads = await createBundle(page, ws, manualBundle("Leads in"));
  const follower = await createBundle(page, ws, {
    format: "bundle/1",
    name: "After the leads",
    trigger: { id: "prev", app: "bundle", event: "finished", options: { bundle: leads.id } },
    steps: [{ id: "done", kind: "stop" }],
  });
  const share = await apiCall(page, "POST", `/w/${ws}/bundles/${follower.id}/shares`, { expires_at: null });
  expect(share.status, JSON.stringify(share.json)).toBe(201);

  const v = visitor.page;
  await v.goto(share.json.url);
  await v.getByRole("heading", { name: "After the leads", level: 1 }).waitFor();
  const pick = v.locator("article.trigger").getByLabel("Bundle", { exact: true });
  expect(await pick.locator("option:checked").textContent()).toBe("A bundle in the author's workspace");
  expect(await pick.isDisabled()).toBe(true);
  expect(await v.getByText("Leads in").count()).toBe(0);
  expect(v.url()).toBe(share.json.url); // no bundle list asked for, so no sign-in page
});
