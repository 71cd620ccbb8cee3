import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("the run Workflow binding", () => {
  it("runs an instance to completion, and an instance id cannot be reused", async () => {
    // Instance ids allow only letters, digits, "-" and "_" (no ":"), at most 100 characters.
    const id = `bundle-1_delivery-${crypto.randomUUID()}`;
    const instance = await env.RUNS.create({ id, params: { workspaceId: "ws", bundleId: "b1", runId: "r1" } });
    let status = await instance.status();
    for (let i = 0; i < 100 && status.status !== "complete" && status.status !== "errored"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await instance.status();
    }
    expect(status.status).toBe("complete");
    expect(status.output).toMatchObject({ runId: "r1" });
    await expect(env.RUNS.create({ id, params: { workspaceId: "ws", bundleId: "b1", runId: "r2" } })).rejects.toThrow();
  });
});
