// Values from a run's data inserted into an HTTP step's URL are percent-encoded where they
// land, so a "+" arrives as a plus and a "&" cannot add a parameter; a whole URL (or its base)
// from data and a `| raw` value go in as they are; a value that would make a path segment ".."
// fails the step before anything is sent. Checked against the echo double, which answers with
// what it received.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { runBundle } from "./support/runs";
import { signUp } from "./support/workspace";

const ECHO = "http://echo.fake";
const LEAD = { phone: "+7 912 000-00-00", name: "Tom & Jerry&admin=true", id: "42/../admin?x=1#top", up: "..", base: `${ECHO}/v1`, sub: "v2/items" };

async function runWithUrl(url: string, payload: Record<string, unknown> = LEAD) {
  const u = await signUp("urltpl");
  const id = await createBundle(u, manualBundle({ name: "Call the CRM", trigger: "trigger", steps: [{ id: "crm", kind: "action", app: "http", action: "request", input: { url } }] }));
  const run = await runBundle(u, id, payload);
  return { u, id, run, step: run.steps.find((s: { id: string }) => s.id === "crm") };
}

describe("a template in an HTTP step's URL", () => {
  it("sends query values as they are: the phone keeps its plus, the name adds no parameter", async () => {
    const { run, step } = await runWithUrl(`${ECHO}/crm?phone={{trigger.phone}}&name={{trigger.name}}`);
    expect(run.status).toBe("success");
    expect(step.output.body.query).toEqual([
      ["phone", "+7 912 000-00-00"],
      ["name", "Tom & Jerry&admin=true"],
    ]);
    expect(step.input.url).toBe(`${ECHO}/crm?phone=%2B7%20912%20000-00-00&name=Tom%20%26%20Jerry%26admin%3Dtrue`);
  });

  it("keeps a path value inside its segment", async () => {
    const { step } = await runWithUrl(`${ECHO}/contacts/{{trigger.id}}/notes`);
    expect(step.output.body.path).toBe("/contacts/42%2F..%2Fadmin%3Fx%3D1%23top/notes");
    expect(step.output.body.query).toEqual([]);
  });

  it("inserts a whole URL from data as it is, a base the URL starts with, and a value marked raw", async () => {
    const whole = await runWithUrl("{{trigger.url}}", { url: `${ECHO}/hook?a=1&b=2` });
    expect(whole.step.output.body).toMatchObject({ path: "/hook", query: [["a", "1"], ["b", "2"]] });
    const based = await runWithUrl("{{trigger.base}}/leads?name={{trigger.name}}");
    expect(based.step.output.body).toMatchObject({ path: "/v1/leads", query: [["name", "Tom & Jerry&admin=true"]] });
    const raw = await runWithUrl(`${ECHO}/{{trigger.sub | raw}}`);
    expect(raw.step.output.body.path).toBe("/v2/items");
  });

  it("fails the step, sending nothing, when a value would make a path segment ..", async () => {
    const { run, step } = await runWithUrl(`${ECHO}/users/{{trigger.up}}/delete`);
    expect(run.status).toBe("failed");
    expect(step.status).toBe("error");
    expect(step.error).toBe('"{{trigger.up}}" makes a path segment of the URL "..", which would move up the path; the request was not sent.');
    expect(step.notes.filter((n: string) => n.startsWith("GET "))).toEqual([]);
  });

  it("is encoded the same when one step is tested", async () => {
    const { u, id } = await runWithUrl(`${ECHO}/crm?name={{trigger.name}}`);
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/steps/crm/test`, { token: u.token, body: { trigger: { name: "A+B&c=d" } } });
    expect(res.json.output.body.query).toEqual([["name", "A+B&c=d"]]);
  });
});
