import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

function lease(name: string) {
  return env.DEDUP.get(env.DEDUP.idFromName(name));
}

describe("the dedup lease Durable Object", () => {
  it("lets one run hold a match value at a time", async () => {
    const stub = lease("ws1:conn1:phone:+79123456789");
    expect(await stub.acquire("run-1", 10_000)).toMatchObject({ acquired: true });
    const second = await stub.acquire("run-2", 10_000);
    expect(second).toMatchObject({ acquired: false, holder: "run-1" });
    expect(await stub.release("run-2")).toBe(false);
    expect(await stub.release("run-1")).toBe(true);
    expect(await stub.acquire("run-2", 10_000)).toMatchObject({ acquired: true });
  });

  it("an expired lease (a crashed run) does not block the contact", async () => {
    const stub = lease("ws1:conn1:email:a@b.c");
    const now = Date.now();
    await stub.acquire("crashed-run", 1_000, now);
    expect(await stub.acquire("next-run", 1_000, now + 500)).toMatchObject({ acquired: false });
    expect(await stub.acquire("next-run", 1_000, now + 1_001)).toMatchObject({ acquired: true });
  });

  it("different match values do not block each other", async () => {
    expect(await lease("ws1:c:phone:+1").acquire("a", 10_000)).toMatchObject({ acquired: true });
    expect(await lease("ws1:c:phone:+2").acquire("b", 10_000)).toMatchObject({ acquired: true });
  });
});
