// Refreshes of one OAuth connection are serialised (docs/decisions/0009): eight runs start at
// once with an expired amoCRM access token; the double lets each refresh token be used once.
// Exactly one refresh reaches amoCRM, every run succeeds, the rotated pair is stored.
import { afterAll, describe, expect, it } from "vitest";
import { unique } from "./support";
import { call } from "../support/api";
import { createBundle, manualBundle } from "../support/bundles";
import { createConnection } from "../support/connections";
import { admin, AMOCRM } from "../support/fakes";
import { forceRun, waitForRun } from "../support/runs";
import { signUp } from "../support/workspace";

const RUNS = 8;

describe("OAuth refresh under concurrent runs", () => {
  afterAll(() => admin(AMOCRM, "reset", {}));

  it("refreshes once for eight runs that all find the access token expired", async () => {
    await admin(AMOCRM, "reset", {});
    const refresh0 = `refresh-start-${unique()}`;
    await admin(AMOCRM, "knobs", { refreshTokens: [refresh0], tokens: { "test-token": "valid", "stale-access": "expired" } });
    const u = await signUp("refresh-race");
    const connection = await createConnection(u, "amocrm", "amo oauth", {
      base_url: AMOCRM,
      client_id: "test-client",
      client_secret: "test-secret",
      refresh_token: refresh0,
      access_token: "stale-access",
      expires_at: "1",
    });
    const bundleId = await createBundle(u, manualBundle({ name: "find", steps: [{ id: "find", kind: "action", app: "amocrm", action: "find_contact", connection, input: { query: "{{start.q}}" } }] }));

    const runIds = await Promise.all(Array.from({ length: RUNS }, (_, i) => forceRun(u, bundleId, { q: `nobody-${i}` })));
    const runs = await Promise.all(runIds.map((id) => waitForRun(u, id)));

    expect(runs.map((r) => r.status)).toEqual(Array(RUNS).fill("success"));
    const state = await admin(AMOCRM, "state");
    expect(state.requests["POST /oauth2/access_token"]).toBe(1);
    // The rotated refresh token is what the connection holds now: a later refresh works.
    expect(state.knobs.refreshTokens).toEqual(["refresh-1"]);
    const stored = await call("GET", `/api/v1/w/${u.workspaceId}/connections/${connection}`, { token: u.token });
    expect(stored.json.fields.expires_at).toMatch(/^\d+$/);
    expect(Number(stored.json.fields.expires_at)).toBeGreaterThan(Date.now() / 1000 + 3600);
  }, 60_000);
});
