// Test data in the editor, against the product started by the global setup and the Telegram
// double: one real webhook delivery becomes the bundle's test data with "Load test data" and
// its fields show up in the variable picker; "Send test data" on a Telegram step sends for
// real and shows the request (bot token redacted) and the answer.
import { expect, inject, test } from "vitest";
import { FAKE_BOT_TOKEN } from "../fakes/telegram.ts";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle, telegramConnection } from "./support/api";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const fakes = inject("fakes");
const browser = browserForFile();

/** The texts the Telegram double has received for this chat. */
async function sentTo(chat: string) {
  const state = (await (await fetch(`${fakes["telegram.fake"]}/__admin/state`)).json()) as { messages: Array<{ chat_id: string | number; text: string }> };
  return state.messages.filter((m) => String(m.chat_id) === chat).map((m) => m.text);
}

test("a webhook delivery is loaded as test data, offered in the picker, and sent through a Telegram step", async () => {
  const { page } = browser;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("testdata"), workspace: "Test Data Shop" });
  const chat = `-100${Date.now() % 1_000_000}`;

  const connection = await telegramConnection(page, workspaceId, "Shop bot");
  const created = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Orders to Telegram",
    trigger: { id: "order", app: "webhook", event: "catch" },
    steps: [{ id: "notify", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: chat, text: "Order {{order.order_id}}" } }],
  });
  const bundleId = created.id;
  expect((await apiCall(page, "POST", `/w/${workspaceId}/bundles/${bundleId}/enable`)).status).toBe(200);

  // One real delivery, as the shop's site would send it.
  const delivered = await fetch(created.webhook_url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ order_id: "A-17", customer: { phone: "+79120001122" } }),
  });
  expect(delivered.status).toBeLessThan(300);

  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  const testData = page.getByRole("region", { name: "Test data" });
  await testData.getByText("No test data yet.").waitFor();
  await testData.getByRole("button", { name: "Load test data" }).click();
  await testData.getByText(/^Test data from /).waitFor();
  expect(await testData.locator("pre").textContent()).toContain('"order_id": "A-17"');

  // The delivery's fields, with their values, in the picker of the step's text.
  const step = page.locator('article.step[data-step-id="notify"]');
  await step.locator("header button.toggle").click();
  await step.getByRole("button", { name: "Insert a field into Text" }).click();
  const orderId = step.getByRole("button", { name: /\{\{order\.order_id\}\}/ });
  await orderId.waitFor();
  expect(await orderId.textContent()).toContain("A-17");
  expect(await step.getByRole("button", { name: /\{\{order\.customer\.phone\}\}/ }).textContent()).toContain("+79120001122");
  await page.keyboard.press("Escape");

  // Sent for real, from the stored test data.
  const before = (await sentTo(chat)).length;
  const panel = page.getByRole("region", { name: "Test of step notify" });
  await panel.getByRole("button", { name: "Send test data" }).click();
  await panel.getByText("The step worked.").waitFor();
  const captions = await panel.locator("figcaption").allTextContents();
  expect(captions).toEqual(expect.arrayContaining([`Request: POST ${fakes["telegram.fake"]}/bot••••/sendMessage`, "Response: 200", "Output"]));
  const shown = (await panel.locator("pre").allTextContents()).join("\n");
  expect(shown).toContain('"text": "Order A-17"');
  expect(shown).toContain('"ok": true');
  expect(await page.content()).not.toContain(FAKE_BOT_TOKEN.split(":")[1]);
  await expect.poll(async () => (await sentTo(chat)).length).toBeGreaterThan(before);
  expect((await sentTo(chat)).at(-1)).toBe("Order A-17");
  await screenshot(page, "editor-test-data");
});
