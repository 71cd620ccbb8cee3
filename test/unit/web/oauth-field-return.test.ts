// The editor's OAuth round trip: the way back names the connection field the sign-in started
// from, and only that field takes the answer (the new connection, or the error to show).
import { describe, expect, it } from "vitest";
import { editorReturnPath, oauthAnswerFor, oauthAnswerInside } from "../../../web/src/lib/components/connections/oauth-field-return.ts";

const back = (path: string, answer: Record<string, string>) => {
  const url = new URL(path, "http://dashboard.test");
  for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
  return url.searchParams;
};

describe("an OAuth sign-in started in the editor", () => {
  const path = editorReturnPath("/w/ws1/bundles/b1", "/steps/2/connection");

  it("comes back to the bundle naming the field", () => {
    expect(path).toBe("/w/ws1/bundles/b1?connect_for=%2Fsteps%2F2%2Fconnection");
  });

  it("hands the new connection to that field only", () => {
    const params = back(path, { connected: "c-9" });
    expect(oauthAnswerFor(params, "/steps/2/connection")).toEqual({ connected: "c-9" });
    expect(oauthAnswerFor(params, "/steps/1/connection")).toBeNull();
    expect(oauthAnswerFor(params, "/trigger/connection")).toBeNull();
  });

  it("opens the step holding that field, and no other", () => {
    const params = back(path, { connected: "c-9" });
    expect(oauthAnswerInside(params, "/steps/2")).toBe(true);
    expect(oauthAnswerInside(params, "/steps/1")).toBe(false);
    expect(oauthAnswerInside(params, "/steps/2/connection")).toBe(false);
    expect(oauthAnswerInside(back("/w/ws1/bundles/b1", {}), "/steps/2")).toBe(false);
  });

  it("hands a refusal to that field", () => {
    expect(oauthAnswerFor(back(path, { oauth_error: "access_denied", app: "amocrm" }), "/steps/2/connection")).toEqual({ error: "access_denied" });
  });

  it("is nothing on a page opened without a sign-in, or one started on the Connections page", () => {
    expect(oauthAnswerFor(back("/w/ws1/bundles/b1", {}), "/steps/2/connection")).toBeNull();
    expect(oauthAnswerFor(back("/w/ws1/bundles/b1", { connected: "c-9" }), "/steps/2/connection")).toBeNull();
    expect(oauthAnswerFor(back(path, {}), "/steps/2/connection")).toBeNull();
  });
});
