// The cloud metadata address stays out of reach in every spelling, even with
// ALLOW_PRIVATE_NETWORK=true (as these tests run): an HTTP step aimed at it is refused before
// anything is sent, and the run fails saying why.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { runBundle } from "./support/runs";
import { signUp } from "./support/workspace";

const SPELLINGS = [
  "http://169.254.169.254/latest/meta-data/",
  "http://[::ffff:169.254.169.254]/latest/meta-data/",
  "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
  "http://[64:ff9b::169.254.169.254]/latest/meta-data/",
  "http://2852039166/latest/meta-data/",
  "http://0251.0376.0251.0376/latest/meta-data/",
  "http://0xa9fea9fe/latest/meta-data/",
  "http://169.254.43518/latest/meta-data/",
  "http://169.254.169.254.nip.io/latest/meta-data/",
];

async function fetcher() {
  const u = await signUp("metadata");
  const id = await createBundle(u, manualBundle({ name: "Fetch a URL", steps: [{ id: "get", kind: "action", app: "http", action: "request", input: { url: "{{start.url}}" } }] }));
  return { u, id };
}

describe("the metadata address with private networks allowed", () => {
  it.each(SPELLINGS)("%s is refused before a request is sent", async (url) => {
    const { u, id } = await fetcher();
    const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/steps/get/test`, { token: u.token, body: { trigger: { url } } });
    expect(res.status).toBe(200);
    expect(res.json.error).toMatchObject({ code: "ssrf_blocked", message: expect.stringMatching(/it is a cloud metadata service\.$/) });
    expect(res.json.request).toBeNull();
  });

  it("fails a run that aims at it, with the reason on the step", async () => {
    const { u, id } = await fetcher();
    const run = await runBundle(u, id, { url: "http://[::ffff:169.254.169.254]/latest/api/token" });
    expect(run.status).toBe("failed");
    expect(run.steps[0]).toMatchObject({ id: "get", status: "error", error: "Calls to ::ffff:a9fe:a9fe are refused: it is a cloud metadata service." });
  });
});
