// Refreshes of one OAuth connection are serialised (docs/decisions/0009): eight runs start at
// once with an expired amoCRM access token; the double lets each refresh token be used once.
// Exactly one refresh reaches amoCRM, every run succeeds, the rotated pair is stored.
import { afterAll, describe, expect, it } from "vitest";
import { unique } from "./support";
import { call } from "../support/api";
import { createBundle } from "../support/bundles";
import { admin } from "../support/fakes";
import { forceRun, waitForRun } from "../support/runs";
import { signUp } from "../support/workspace";

const AMO = "http://amocrm.fake";
const RUNS = 8;

describe("OAuth refresh under concurrent runs", () => {
  afterAll(() => admin(AMO, "reset", {}));

  it("refreshes once for eight runs that all find the access token expired", async () => {
    await admin(AMO, "reset", {});
    const refresh0 = `refresh-start-${unique()}`;
    await admin(AMO, "knobs", { refreshTokens: [refresh0], tokens: { "test-token": "valid", "stale-access": "expired" } });
    const u = await signUp("refresh-race");
    const connection = await call("POST", `/api/v1/w/${u.workspaceId}/connections`, {
      token: u.token,
      body: {
        app: "amocrm",
        name: "amo oauth",
        fields: { base_url: AMO, client_id: "test-client", client_secret: "test-secret", refresh_token: refresh0, access_token: "stale-access", expires_at: "1" },
      },
    });
    expect(connection.status).toBe(201);
    const bundleId = await createBundle(u, {
      format: "bundle/1",
      name: "find",
      trigger: { id: "start", app: "manual", event: "run" },
      steps: [{ id: "find", kind: "action", app: "amocrm", action: "find_contact", connection: connection.json.id, input: { query: "{{start.q}}" } }],
    });

    const runIds = await Promise.all(Array.from({ length: RUNS }, (_, i) => forceRun(u, bundleId, { q: `nobody-${i}` })));
    const runs = await Promise.all(runIds.map((id) => waitForRun(u, id)));

    expect(runs.map((r) => r.status)).toEqual(Array(RUNS).fill("success"));
    const state = await admin(AMO, "state");
    expect(state.requests["POST /oauth2/access_token"]).toBe(1);
    // The rotated refresh token is what the connection holds now: a later refresh works.
    expect(state.knobs.refreshTokens).toEqual(["refresh-1"]);
    const stored = await call("GET", `/api/v1/w/${u.workspaceId}/connections/${connection.json.id}`, { token: u.token });
    expect(stored.json.fields.expires_at).toMatch(/^\d+$/);
    expect(Number(stored.json.fields.expires_at)).toBeGreaterThan(Date.now() / 1000 + 3600);
  }, 60_000);
});
