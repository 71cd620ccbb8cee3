// The workspace's failure alert: bundles without their own notify_on_failure report failed runs
// to the Telegram chat named in the workspace settings; null turns it off. The connection it
// sends through cannot be deleted while it does.
import { describe, expect, it, vi } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { createConnection, telegramConnection } from "./support/connections";
import { sentTo } from "./support/fakes";
import { runBundle } from "./support/runs";
import { patchSettings, signUp } from "./support/workspace";

describe("workspace failure alert", () => {
  it("reports a failed run of a bundle without its own target, until it is turned off", async () => {
    const u = await signUp("ws-alert");
    const chat = `-100${Math.floor(Math.random() * 1e9)}`;
    const tg = await telegramConnection(u, { name: "alerts" });
    const settings = await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, {
      token: u.token,
      body: { notify_on_failure: { connection: tg, chat_id: chat } },
    });
    expect(settings.status).toBe(200);
    expect(settings.json.notify_on_failure).toEqual({ connection: tg, chat_id: chat });

    const bundleId = await createBundle(u, manualBundle({ name: "Fails quietly", steps: [{ id: "give_up", kind: "stop", status: "failed", reason: "out of stock" }] }));
    const run = await runBundle(u, bundleId);
    expect(run.status).toBe("failed");
    // The message is sent right after the run is marked failed: wait for it.
    const [message] = await vi.waitFor(async () => {
      const messages = await sentTo(chat);
      expect(messages).toHaveLength(1);
      return messages;
    });
    expect(message).toContain("«Fails quietly» failed");
    expect(message).toContain(`/w/${u.workspaceId}/runs/${run.id}`);

    const off = await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: { notify_on_failure: null } });
    expect(off.json.notify_on_failure).toBeNull();
    await runBundle(u, bundleId);
    // Turned back on for another chat, the next failure arrives there; the first chat got nothing more.
    const next = `${chat}1`;
    await patchSettings(u, { notify_on_failure: { connection: tg, chat_id: next } });
    await runBundle(u, bundleId);
    await vi.waitFor(async () => expect(await sentTo(next)).toHaveLength(1));
    expect(await sentTo(chat)).toHaveLength(1);
  });

  it("only a Telegram connection of this workspace can be the target", async () => {
    const u = await signUp("ws-alert-bad");
    const other = await signUp("ws-alert-other");
    const foreign = await telegramConnection(other, { name: "theirs" });
    const keepin = await createConnection(u, "keepincrm", "crm", { api_key: "k" });
    for (const connection of [foreign, keepin]) {
      const res = await call("PATCH", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token, body: { notify_on_failure: { connection, chat_id: "1" } } });
      expect(res.status).toBe(400);
      expect(res.json.error.path).toBe("/notify_on_failure/connection");
    }
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token })).json.notify_on_failure).toBeNull();
  });

  it("keeps its connection from being deleted (409 naming the setting) until the alert uses another or is off", async () => {
    const u = await signUp("ws-alert-del");
    const id = await telegramConnection(u, { name: "alerts" });
    await patchSettings(u, { notify_on_failure: { connection: id, chat_id: "-1001" } });

    const refused = await call("DELETE", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toEqual({
      code: "conflict",
      message: "The workspace's failure alert sends through this connection (workspace settings, “Tell a Telegram chat when a run fails”; notify_on_failure in the API). Choose another connection there or turn the alert off first.",
      path: "/id",
    });
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token })).status).toBe(200);
    expect((await call("GET", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token })).json.notify_on_failure).toEqual({ connection: id, chat_id: "-1001" });

    await patchSettings(u, { notify_on_failure: null });
    expect((await call("DELETE", `/api/v1/w/${u.workspaceId}/connections/${id}`, { token: u.token })).status).toBe(204);
  });
});
