import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { matchGuard } from "../../worker/dedup/match-guard";

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

describe("a run holding leases", () => {
  it("keeps them while its step outlasts the lease time, and a second run waits for it", async () => {
    const ttl = 1_000; // the real lease lasts 30 s; the renewal works the same at any length
    const first = matchGuard(env, "ws-renew", "conn", ttl);
    const second = matchGuard(env, "ws-renew", "conn", ttl);
    const events: string[] = [];
    const slow = first.withLeases(["phone:+79120000001"], async () => {
      events.push("first starts");
      await new Promise((r) => setTimeout(r, ttl * 4));
      events.push("first ends");
    });
    await new Promise((r) => setTimeout(r, ttl * 2)); // past the first lease's original expiry
    await second.withLeases(["phone:+79120000001"], async () => void events.push("second starts"));
    await slow;
    expect(events).toEqual(["first starts", "first ends", "second starts"]);
  });
});
