// The webhook target kept for a second (decision 0037): reused while fresh, read again by one
// delivery from 0.8 s, and when that read fails, the kept target still answers until it
// expires, unless a change made here asked to forget it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedWebhookTarget, forgetWebhookTargets, WEBHOOK_TARGET_TTL_MS } from "../../../db/queries/webhook-target-cache";

const target = (name: string) => ({ name, bundle: { id: `b_${name}`, workspaceId: "w_1" } });
const unavailable = (): Promise<ReturnType<typeof target>> => Promise.reject(new Error("D1 unavailable"));

describe("the webhook target cache", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("reads once while fresh, and again once 0.8 s old", async () => {
    const token = crypto.randomUUID();
    let reads = 0;
    const read = async () => target(`v${++reads}`);
    expect((await cachedWebhookTarget(token, read))?.name).toBe("v1");
    vi.advanceTimersByTime(700);
    expect((await cachedWebhookTarget(token, read))?.name).toBe("v1");
    vi.advanceTimersByTime(150);
    expect((await cachedWebhookTarget(token, read))?.name).toBe("v2");
    expect(reads).toBe(2);
  });

  it("a failed refresh answers with the kept target until it expires; then the failure shows", async () => {
    const token = crypto.randomUUID();
    await cachedWebhookTarget(token, async () => target("kept"));
    vi.advanceTimersByTime(900);
    expect((await cachedWebhookTarget(token, unavailable))?.name).toBe("kept");
    vi.advanceTimersByTime(WEBHOOK_TARGET_TTL_MS - 900 + 1);
    await expect(cachedWebhookTarget(token, unavailable)).rejects.toThrow("D1 unavailable");
  });

  it("a failed refresh that a change here overtook does not answer with what the change made stale", async () => {
    const token = crypto.randomUUID();
    await cachedWebhookTarget(token, async () => target("old"));
    vi.advanceTimersByTime(900);
    const refreshing = cachedWebhookTarget(token, async () => {
      forgetWebhookTargets({ bundleId: "b_old" }); // e.g. the bundle turned off meanwhile
      throw new Error("D1 unavailable");
    });
    await expect(refreshing).rejects.toThrow("D1 unavailable");
  });
});
