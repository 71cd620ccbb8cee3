// Secrets a sender puts in trigger data (a form's `password`, a webhook's `?token=`) are masked
// in the run log, where every member (viewers too) reads them: in the trigger data and wherever
// a step repeats them. The run itself still gets them as sent.
import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, enableWebhook, manualBundle, webhookBundle } from "./support/bundles";
import { runBundle, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

const PASSWORD = "pass-7f3a9c-secret";
const TOKEN = "tok-51be02-secret";

it("masks password and $query.token in the run's trigger data and in the step that repeats them", async () => {
  const u = await signUp("log-secrets");
  const id = await createBundle(
    u,
    webhookBundle({
      name: "Form to CRM",
      steps: [
        {
          id: "forward",
          kind: "action",
          app: "http",
          action: "request",
          // Under keys that do not look secret: only the trigger's keys say these are secrets.
          input: { method: "POST", url: "http://keepincrm.fake/echo?auth={{hook.$query.token}}", body: { note: "{{hook.password}}", name: "{{hook.name}}" } },
        },
      ],
    }),
  );
  const path = await enableWebhook(u, id);
  const delivered = await exports.default.fetch(
    new Request(`http://localhost${path}?token=${TOKEN}&tokens[]=${TOKEN}-2`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Ann", password: PASSWORD }) }),
  );
  expect(delivered.status).toBe(200);
  const [listed] = (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${id}`, { token: u.token })).json.items;
  const run = await waitForRun(u, listed.id);

  expect(run.trigger).toMatchObject({ name: "Ann", password: "••••", $query: { token: "••••", tokens: ["••••"] } });
  expect(listed.trigger).toMatchObject({ password: "••••", $query: { token: "••••" } });
  const [step] = run.steps;
  expect(step.input.body).toEqual({ note: "••••", name: "Ann" });
  expect(step.input.url).toBe("http://keepincrm.fake/echo?auth=••••");
  const shown = JSON.stringify(run);
  expect(shown).not.toContain(PASSWORD);
  expect(shown).not.toContain(TOKEN);
});

it("masks session, signature, token, password and authorization keys in a step's request and response", async () => {
  const u = await signUp("log-secret-keys");
  const secrets = { session: "sess-4d2c91-value", signature: "sig-8a7b6c-value", token: "tok-3e5f7a-value", password: "pw-1c2d3e-value", authorization: "Bearer au-9f8e7d-value" };
  const id = await createBundle(
    u,
    manualBundle({
      name: "Signed call",
      steps: [
        {
          id: "signed",
          kind: "action",
          app: "http",
          action: "request",
          input: { method: "POST", url: "http://echo.fake/json", headers: { "X-Session-Id": secrets.session, "X-Signature": secrets.signature }, body: { name: "Ann", ...secrets } },
        },
      ],
    }),
  );
  const run = await runBundle(u, id);
  expect(run.status).toBe("success");
  const [step] = run.steps;
  const masked = { name: "Ann", session: "••••", signature: "••••", token: "••••", password: "••••", authorization: "••••" };
  expect(step.input.headers).toEqual({ "X-Session-Id": "••••", "X-Signature": "••••" });
  expect(step.input.body).toEqual(masked);
  expect(step.output.body).toEqual(masked);
  const shown = JSON.stringify(await call("GET", `/api/v1/w/${u.workspaceId}/runs/${run.id}`, { token: u.token }).then((r) => r.json));
  for (const value of Object.values(secrets)) expect(shown).not.toContain(value);
});
