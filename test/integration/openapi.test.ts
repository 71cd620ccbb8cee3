import { describe, expect, it } from "vitest";
import { call } from "./support/api";

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1, generated from the routes, with the fixed auth paths and bearer security", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(Object.keys(res.json.paths)).toEqual(
      expect.arrayContaining(["/auth/signup", "/auth/login", "/w/{ws}/members", "/w/{ws}/api-keys", "/w/{ws}/bundles"]),
    );
    expect(res.json.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const signup = res.json.paths["/auth/signup"].post;
    expect(signup.requestBody.content["application/json"].schema.$ref ?? signup.requestBody.content["application/json"].schema).toBeTruthy();
    expect(Object.keys(signup.responses)).toEqual(expect.arrayContaining(["201", "400", "409"]));
  });

  it.each(["/auth/login", "/auth/signup"])("lists the 429 that the request limit on %s answers, with Retry-After and the error body", async (path) => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    const limited = doc.paths[path].post.responses["429"];
    expect(limited.description).toMatch(/rate_limited/);
    expect(limited.headers["Retry-After"].schema).toMatchObject({ type: "integer" });
    expect(limited.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
  });
});
