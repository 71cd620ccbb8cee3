// Log lines are one JSON object each, with the ids under the names docs/deploy.md tells an
// operator to filter on.
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorFields, logEvent } from "../../../worker/observability/log";

afterEach(() => vi.restoreAllMocks());

describe("logEvent", () => {
  it("writes one JSON line with the level, the event and the fields, errors to console.error", () => {
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    logEvent("info", "run.finished", { run_id: "r1", workspace_id: "w1", bundle_id: "b1", status: "success" });
    logEvent("error", "poll.failed", { bundle_id: "b1", ...errorFields(new Error("sheet gone")) });
    expect(JSON.parse(info.mock.calls[0][0])).toEqual({ level: "info", event: "run.finished", run_id: "r1", workspace_id: "w1", bundle_id: "b1", status: "success" });
    const line = JSON.parse(error.mock.calls[0][0]);
    expect(line).toMatchObject({ level: "error", event: "poll.failed", bundle_id: "b1", error: "sheet gone" });
    expect(line.stack).toContain("sheet gone");
  });

  it("masks fields under secret-looking names, however deep, and keeps the rest", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    logEvent("warn", "oauth.refused", { app: "amocrm", said: "no", detail: { access_token: "at-1", session: "s-2", signature: "g-3", password: "p-4" } });
    const line = JSON.parse(warn.mock.calls[0][0]);
    expect(line).toEqual({ level: "warn", event: "oauth.refused", app: "amocrm", said: "no", detail: { access_token: "••••", session: "••••", signature: "••••", password: "••••" } });
  });

  it("masks a failed query's bound values, which can be users' data or tokens", () => {
    const err = Object.assign(new Error("Failed query: select * from connection where token = ?\nparams: tok_secret_123"), { params: ["tok_secret_123"] });
    const fields = errorFields(err);
    expect(JSON.stringify(fields)).not.toContain("tok_secret_123");
    expect(fields.error).toContain("params: ••••");
  });

  it("gives a thrown non-Error its text and no stack", () => {
    expect(errorFields("plain")).toEqual({ error: "plain" });
  });
});
