// Runs read their connections through the workspace's run ledger, which keeps them for a
// minute (worker/runs/connection-cache.ts). A person who fixes or changes a connection's token
// sees the very next run use what they saved, not the cached row.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { amocrmConnection } from "./support/connections";
import { runBundle } from "./support/runs";
import { signUp } from "./support/workspace";

describe("a connection changed between two runs", () => {
  it("is used as saved by the next run: a fixed token works at once, a revoked one fails at once", async () => {
    const u = await signUp("conn-cache");
    const ws = `/api/v1/w/${u.workspaceId}`;
    const amo = await amocrmConnection(u, { accessToken: "wrong-token" });
    const bundleId = await createBundle(u, manualBundle({ name: "Find", steps: [{ id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: amo, input: { query: "nobody" } }] }));
    const first = await runBundle(u, bundleId, {});
    expect(first.status).toBe("failed");
    expect(first.error).toMatch(/401|token/i);

    expect((await call("PATCH", `${ws}/connections/${amo}`, { token: u.token, body: { fields: { access_token: "test-token" } } })).status).toBe(200);
    const second = await runBundle(u, bundleId, {});
    expect(second.status).toBe("success");

    // …and back: a revoked token is not kept alive by the cache either.
    expect((await call("PATCH", `${ws}/connections/${amo}`, { token: u.token, body: { fields: { access_token: "revoked-token" } } })).status).toBe(200);
    const third = await runBundle(u, bundleId, {});
    expect(third.status).toBe("failed");
  });
});
