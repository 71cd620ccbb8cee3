// "Test this step": one action step run once for real against the Telegram double, showing its
// rendered input, the request (bot token redacted), the answer and the output; earlier steps'
// outputs come from the last successful run; only action steps can be tested.
import { describe, expect, it } from "vitest";
import { FAKE_BOT_TOKEN } from "../fakes/telegram";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { sentTo, TELEGRAM } from "./support/fakes";
import { waitForRun } from "./support/runs";
import { apiKey, signUp, type User } from "./support/workspace";

const BOT_TOKEN = FAKE_BOT_TOKEN;

/** A new user's bundle: Telegram message, a filter on its success, a reply to it; and a chat of its own. */
async function setup(prefix: string) {
  const u = await signUp(prefix);
  const connection = await telegramConnection(u, { name: "Bot" });
  const chat = String(Math.floor(Math.random() * 1e9) + 1e9);
  const id = await createBundle(
    u,
    manualBundle({
      name: "Notify",
      steps: [
        { id: "first", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "{{start.chat}}", text: "New order {{start.order}}" } },
        { id: "gate", kind: "filter", when: { left: "{{first.$ok}}", op: "eq", right: "1" } },
        { id: "second", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "{{start.chat}}", text: "Reply to {{first.message_id}} about {{start.order}}" } },
      ],
    }),
  );
  return { u, id, chat };
}

const testStep = (u: User, id: string, step: string, body?: unknown, token = u.token) =>
  call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/steps/${step}/test`, { token, body });

describe("test one step", () => {
  it("sends for real and shows input, the redacted request, the answer and the output", async () => {
    const { u, id, chat } = await setup("steptest");
    const res = await testStep(u, id, "first", { trigger: { chat, order: "A-1" } });
    expect(res.status).toBe(200);
    expect(res.json.input).toEqual({ chat_id: chat, text: "New order A-1" });
    expect(res.json.request).toMatchObject({ method: "POST", url: `${TELEGRAM}/bot••••/sendMessage`, body: { chat_id: chat, text: "New order A-1" } });
    expect(res.json.request.headers["content-type"]).toBe("application/json");
    expect(res.json.response.status).toBe(200);
    expect(res.json.response.body.result.message_id).toBe(res.json.output.message_id);
    expect(res.json.output).toMatchObject({ message_id: expect.any(Number), parts: 1 });
    expect(res.json.error).toBeNull();
    expect(res.text).not.toContain(BOT_TOKEN);
    expect(res.text).not.toContain("TEST-token_abc");
    expect(await sentTo(chat)).toEqual(["New order A-1"]);
    // A test is not a run.
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${id}`, { token: u.token })).json.items).toHaveLength(0);
  });

  it("renders earlier steps from the last successful run, and from nothing before there is one", async () => {
    const alone = await setup("stepnorun");
    const before = await testStep(alone.u, alone.id, "second", { trigger: { chat: alone.chat, order: "C-3" } });
    expect(before.json.input.text).toBe("Reply to  about C-3");
    expect(before.json.notes).toContain("empty: {{first.message_id}} resolved to nothing");

    const { u, id, chat } = await setup("stepearlier");
    const started = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: { payload: { chat, order: "B-2" }, save_as_test_data: true } });
    const run = await waitForRun(u, started.json.run_id);
    expect(run.status).toBe("success");
    const firstId = run.steps.find((s: { id: string }) => s.id === "first").output.message_id;
    const res = await testStep(u, id, "second"); // from the stored test data
    expect(res.json.input.text).toBe(`Reply to ${firstId} about B-2`);
    expect(res.json.notes.some((n: string) => n.startsWith("empty:"))).toBe(false);
  });

  it("shows the service's refusal as the error, with the answer it got", async () => {
    const { u, id } = await setup("steperror");
    const res = await testStep(u, id, "first", { trigger: { chat: "403", order: "D-4" } });
    expect(res.status).toBe(200);
    expect(res.json.output).toBeNull();
    expect(res.json.error).toEqual({ code: "forbidden", message: "Telegram refused: Forbidden: bot was blocked by the user" });
    expect(res.json.response.status).toBe(403);
    expect(res.json.request.url).toBe(`${TELEGRAM}/bot••••/sendMessage`);
  });

  it("an input the action refuses is an error before any request", async () => {
    const { u, id } = await setup("stepinput");
    // No chat in the data and none linked to the connection: Telegram is never asked.
    const res = await testStep(u, id, "first", { trigger: { order: "E-5" } });
    expect(res.json).toMatchObject({ request: null, response: null, output: null, error: { code: "validation" } });
    expect(res.json.error.message).toContain("No chat to send to");
  });

  it("refuses non-action steps, unknown steps, missing test data and viewers", async () => {
    const { u, id, chat } = await setup("steprefuse");
    const gate = await testStep(u, id, "gate", { trigger: { chat } });
    expect(gate.status).toBe(409);
    expect(gate.json.error.message).toMatch(/filter step; only action steps/);
    expect((await testStep(u, id, "nope", { trigger: { chat } })).status).toBe(404);
    const noData = await testStep(u, id, "first");
    expect(noData.status).toBe(409);
    expect(noData.json.error.code).toBe("no_sample");
    expect((await testStep(u, id, "first", { trigger: { chat, order: "F" } }, await apiKey(u, "viewer"))).status).toBe(403);
    expect(await sentTo(chat)).toEqual([]);
  });
});
