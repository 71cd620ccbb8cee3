// A run page whose data is deep (issue 18) renders instead of "Something went wrong": a
// service's answer nested 10,000 levels deep (cut at the API's bound, the run succeeds), and a
// run stored before the bounds whose trigger data and step output are nested 10,000 deep (its
// API answer rewritten in the browser, as such a run would still be served). A few levels are
// open; each click opens one more.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { createBundle, forceRun, waitForRun } from "./support/api";
import { signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const fakes = inject("fakes");
const browser = browserForFile();
let workspaceId: string;
let runId: string;

/** {"next": {"next": … "bottom"}}, `levels` objects deep, as JSON text (Node's JSON.stringify recurses). */
const nested = (levels: number) => '{"next":'.repeat(levels) + '"bottom"' + "}".repeat(levels);

async function expectRunPage(page: Page) {
  await page.getByRole("heading", { name: "Run of “Deep answer”", level: 1 }).waitFor();
  await page.getByRole("heading", { name: "Trigger data" }).waitFor();
  expect(await page.getByText("Something went wrong").count()).toBe(0);
}

test("a run whose service answered JSON nested 10,000 deep succeeds and its page renders", async () => {
  const { page } = browser;
  workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("deep"), workspace: "Deep data" });
  const created = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Deep answer",
    trigger: { id: "start", app: "manual", event: "run" },
    steps: [
      { id: "call", kind: "action", app: "http", action: "request", input: { method: "GET", url: `${fakes["echo.fake"]}/nested?levels=10000` } },
    ],
  });
  runId = await forceRun(page, workspaceId, created.id, { order: "A-1" });
  expect((await waitForRun(page, workspaceId, runId)).status).toBe("success");

  await page.goto(`${baseUrl}/w/${workspaceId}/runs/${runId}`);
  await expectRunPage(page);
  const step = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "call", level: 3 }) });
  await step.getByText("body:").waitFor();
});

test("a run stored before the bounds, its data nested 10,000 deep, renders a few levels and opens one more per click", async () => {
  const { page } = browser;
  await page.route(`**/api/v1/w/${workspaceId}/runs/${runId}`, async (route) => {
    const response = await route.fetch();
    const run = await response.json();
    const body = JSON.stringify({ ...run, trigger: "$trigger", steps: [{ ...run.steps[0], output: "$output" }] })
      .replace('"$trigger"', nested(10_000))
      .replace('"$output"', nested(10_000));
    await route.fulfill({ response, body, headers: { ...response.headers(), "content-type": "application/json" } });
  });
  await page.goto(`${baseUrl}/w/${workspaceId}/runs/${runId}`);
  await expectRunPage(page);
  const trigger = page.locator("section").filter({ has: page.getByRole("heading", { name: "Trigger data" }) });
  // Two levels open, the third shut and not drawn.
  await expect.poll(() => trigger.locator("details[open]").count()).toBe(2);
  expect(await trigger.locator("details").count()).toBe(3);
  await trigger.locator("details:not([open]) > summary").click();
  // The browser sets `open` at the click; the level's contents are drawn on the `toggle` event,
  // which comes a task later: wait for the drawn level, not the attribute.
  await expect.poll(() => trigger.locator("details").count()).toBe(4);
  expect(await trigger.locator("details[open]").count()).toBe(3);
  await page.unroute(`**/api/v1/w/${workspaceId}/runs/${runId}`);
});
