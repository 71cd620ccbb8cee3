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

  it("a waiting run gets the lease the moment it is released, long before it expires; one waiting too long is told who holds it", async () => {
    const stub = lease("ws1:conn1:phone:+79120000042");
    await stub.acquire("holder", 60_000);
    const waiter = stub.acquireWaiting("waiter", 60_000, 30_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(await stub.release("holder")).toBe(true);
    // The lease would last 60 s and the waiter waits at most 30: only the release's wake gets it in.
    expect(await waiter).toMatchObject({ acquired: true });

    expect(await stub.acquireWaiting("late", 60_000, 300)).toMatchObject({ acquired: false, holder: "waiter" });
  });

  it("wakes waiters one at a time, first come first served", async () => {
    const stub = lease("ws1:conn1:phone:+79120000043");
    await stub.acquire("a", 60_000);
    const order: string[] = [];
    const waitFor = (holder: string) => stub.acquireWaiting(holder, 60_000, 30_000).then((l) => (order.push(holder), l));
    const b = waitFor("b");
    await new Promise((r) => setTimeout(r, 50));
    const c = waitFor("c");
    await new Promise((r) => setTimeout(r, 50));
    await stub.release("a");
    expect(await b).toMatchObject({ acquired: true });
    expect(order).toEqual(["b"]);
    await stub.release("b");
    expect(await c).toMatchObject({ acquired: true });
    expect(order).toEqual(["b", "c"]);
  });

  it("a try takes a free lease at once, but never one a waiter was woken for or is waiting on", async () => {
    const stub = lease("ws1:conn1:phone:+79120000044");
    expect(await stub.tryAcquire("a", 60_000)).toMatchObject({ acquired: true });
    expect(await stub.tryAcquire("b", 60_000)).toMatchObject({ acquired: false });
    const waiter = stub.acquireWaiting("w", 60_000, 30_000);
    await new Promise((r) => setTimeout(r, 50));
    await stub.release("a");
    // Released with a waiter woken for it: the try gets nothing, the waiter the lease.
    expect(await stub.tryAcquire("c", 60_000)).toMatchObject({ acquired: false });
    expect(await waiter).toMatchObject({ acquired: true });
    await stub.release("w");
    expect(await stub.tryAcquire("c", 60_000)).toMatchObject({ acquired: true });
  });

  it("hands the next holder the record its value is remembered as, noted with the last release", async () => {
    const stub = lease("ws1:conn1:email:seen@example.com");
    expect(await stub.acquireWaiting("first", 10_000, 1_000)).toMatchObject({ acquired: true, remembered: undefined });
    expect(await stub.release("first", { recordId: "contact-7", ttlMs: 60_000 })).toBe(true);
    expect(await stub.acquireWaiting("second", 10_000, 1_000)).toMatchObject({ acquired: true, remembered: "contact-7" });
    // A holder whose lease was taken over still leaves what it learned: the record is a fact.
    expect(await stub.release("first", { recordId: "contact-8", ttlMs: 60_000 })).toBe(false);
    expect(await stub.recall()).toBe("contact-8");
  });

  it("different match values do not block each other", async () => {
    expect(await lease("ws1:c:phone:+1").acquire("a", 10_000)).toMatchObject({ acquired: true });
    expect(await lease("ws1:c:phone:+2").acquire("b", 10_000)).toMatchObject({ acquired: true });
  });
});

describe("a run reading memories without a lease", () => {
  it("sees the record each value is remembered as, and which memories are past half their time", async () => {
    const guard = matchGuard(env, "ws-peek", "conn");
    const memoryMs = (Number(env.DEDUP_MEMORY_SECONDS) || 600) * 1000;
    await lease("ws-peek:conn:phone:+5").remember("rec-5", memoryMs);
    await lease("ws-peek:conn:email:e@x").remember("rec-5", memoryMs / 4);
    expect(await guard.memories(["phone:+5", "email:e@x", "email:none@x"])).toEqual([{ recordId: "rec-5", ageing: false }, { recordId: "rec-5", ageing: true }, undefined]);
    // Reading takes no lease.
    expect(await lease("ws-peek:conn:phone:+5").acquire("someone", 1_000)).toMatchObject({ acquired: true });
  });
});

describe("a run holding leases", () => {
  it("takes its values all at once when free; when one is busy, keeps only those before it in sorted order and waits", async () => {
    const guard = matchGuard(env, "ws-multi", "conn");
    const name = (value: string) => `ws-multi:conn:${value}`;
    // Free: both taken, both released after.
    await guard.withLeases(["phone:+1", "email:a@x"], async () => {
      expect(await lease(name("phone:+1")).acquire("other", 1_000)).toMatchObject({ acquired: false });
      expect(await lease(name("email:a@x")).acquire("other", 1_000)).toMatchObject({ acquired: false });
    });
    expect(await lease(name("phone:+1")).acquire("other", 1_000)).toMatchObject({ acquired: true });
    await lease(name("phone:+1")).release("other");

    // "email:b@x" sorts first and is busy: the run must not sit on "phone:+2" while it waits,
    // or a run holding the email and wanting the phone would deadlock with it.
    await lease(name("email:b@x")).acquire("holder", 60_000);
    let inside = false;
    const running = guard.withLeases(["phone:+2", "email:b@x"], async () => void (inside = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(inside).toBe(false);
    expect(await lease(name("phone:+2")).acquire("third", 1_000)).toMatchObject({ acquired: true });
    await lease(name("phone:+2")).release("third");
    await lease(name("email:b@x")).release("holder");
    await running;
    expect(inside).toBe(true);

    // "phone:+3" sorts last and is busy: the run keeps "email:c@x" while it waits for it.
    await lease(name("phone:+3")).acquire("holder", 60_000);
    const waiting = guard.withLeases(["phone:+3", "email:c@x"], async () => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lease(name("email:c@x")).acquire("third", 1_000)).toMatchObject({ acquired: false });
    await lease(name("phone:+3")).release("holder");
    await waiting;
    expect(await lease(name("email:c@x")).acquire("third", 1_000)).toMatchObject({ acquired: true });
  });

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
