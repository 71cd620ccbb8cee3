// An empty body with `Content-Type: application/json` is read as {}: every route whose body
// fields are all optional (force run, retry, settings, shares…) takes it as a request with no
// options, and a route that needs a field names it instead of calling the body broken JSON.
// Checked on every route with a JSON body, from the OpenAPI document the route schemas make.
// A body that is there but broken is still refused as such.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, ORIGIN } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { runBundle, waitForRun } from "./support/runs";
import { signUp, type User } from "./support/workspace";

const empty = (method: string, path: string, u: User) => call(method, path, { token: u.token, rawBody: "" });

const manual = manualBundle({ name: "By hand", sample: { amount: "7" }, steps: [{ id: "done", kind: "stop", reason: "amount {{start.amount}}" }] });

interface Operation {
  method: string;
  path: string;
  required: string[];
}

/** Every operation with a JSON body, and the fields its schema requires. */
async function jsonBodyOperations(): Promise<Operation[]> {
  const doc = (await call("GET", "/api/v1/openapi.json")).json;
  const resolve = (schema: any) => (schema.$ref ? doc.components.schemas[schema.$ref.split("/").pop()] : schema);
  return Object.entries<Record<string, any>>(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, op]) => {
      const media = op.requestBody?.content?.["application/json"];
      return media ? [{ method: method.toUpperCase(), path, required: resolve(media.schema).required ?? [] }] : [];
    }),
  );
}

describe("an empty JSON body", () => {
  it("starts a force run with the bundle's sample", async () => {
    const u = await signUp("emptyrun");
    const id = await createBundle(u, manual);
    const res = await empty("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, u);
    expect(res.status, res.text).toBe(202);
    const run = await waitForRun(u, res.json.run_id);
    expect(run).toMatchObject({ status: "stopped", trigger: { amount: "7" } });
  });

  it("retries from the failed step by default, shares with defaults, and leaves settings as they are", async () => {
    const u = await signUp("emptyothers");
    const id = await createBundle(u, manual);
    const started = await runBundle(u, id);

    const retry = await empty("POST", `/api/v1/w/${u.workspaceId}/runs/${started.id}/retry`, u);
    expect(retry.status, retry.text).toBe(202);
    expect((await waitForRun(u, retry.json.run_id)).retry_of).toBe(started.id);

    const share = await empty("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/shares`, u);
    expect(share.status, share.text).toBe(201);
    expect(share.json.expires_at).toBeNull();

    const before = (await call("GET", `/api/v1/w/${u.workspaceId}/settings`, { token: u.token })).json;
    const settings = await empty("PATCH", `/api/v1/w/${u.workspaceId}/settings`, u);
    expect(settings.status, settings.text).toBe(200);
    expect(settings.json).toEqual(before);
  });

  it("is {} also when it comes without a Content-Length (a chunked empty body)", async () => {
    const u = await signUp("emptychunked");
    const id = await createBundle(u, manual);
    const body = new ReadableStream({ start: (controller) => controller.close() });
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { method: "POST", headers: { authorization: `Bearer ${u.token}`, "content-type": "application/json" }, body }),
    );
    expect(res.status, await res.clone().text()).toBe(202);
  });

  it("names the field a route needs", async () => {
    const u = await signUp("emptyneeds");
    const preview = await empty("POST", "/api/v1/schedule/next-runs", u);
    expect(preview.status).toBe(400);
    expect(preview.json.error).toEqual({ code: "validation_failed", message: "schedule is required.", path: "/schedule" });
    const workspace = await empty("POST", "/api/v1/workspaces", u);
    expect(workspace.json.error).toMatchObject({ code: "validation_failed", path: "/name" });
  });

  it("is never called broken JSON, on any route: optional fields take it, required ones are named", async () => {
    const u = await signUp("emptyall");
    const operations = await jsonBodyOperations();
    const optional = operations.filter((op) => op.required.length === 0).map((op) => `${op.method} ${op.path}`);
    // The routes this is for are among those found; a change to their schemas shows here.
    expect(optional).toEqual(
      expect.arrayContaining(["POST /w/{ws}/bundles/{id}/run", "POST /w/{ws}/runs/{id}/retry", "POST /w/{ws}/bundles/{id}/steps/{step_id}/test", "PATCH /w/{ws}/settings", "POST /w/{ws}/bundles/{id}/shares"]),
    );
    for (const op of operations) {
      const path = "/api/v1" + op.path.replace("{ws}", u.workspaceId).replace(/\{[a-z_]+\}/g, "missing");
      const res = await empty(op.method, path, u);
      const what = `${op.method} ${op.path} → ${res.status} ${res.text.slice(0, 200)}`;
      expect(res.status, what).toBeLessThan(500);
      expect(res.json?.error?.code, what).not.toBe("invalid_json");
      // A route that requires fields refuses the body by naming the first of them.
      if (op.required.length > 0) expect(res.json.error, what).toMatchObject({ code: "validation_failed", path: `/${op.required[0]}` });
    }
  });

  it("does not hide a body that is there but broken", async () => {
    const u = await signUp("emptybroken");
    const id = await createBundle(u, manual);
    for (const rawBody of ["{", " ", "null"]) {
      const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, rawBody });
      expect(res.status, rawBody).toBe(400);
      expect(res.json.error.code, rawBody).toBe(rawBody === "null" ? "validation_failed" : "invalid_json");
    }
  });
});
