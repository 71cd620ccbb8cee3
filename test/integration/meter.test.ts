// The platform meter (worker/meter/) against the real bindings in workerd: what it counts per
// binding, that it changes nothing it wraps, and that its route exists only with METER "true".
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import app from "../../worker/app";
import type { Env } from "../../worker/env";
import { meteredClass, meteredEnv, withMeter } from "../../worker/meter";
import { resetCounts, snapshot } from "../../worker/meter/counters";

const on = (extra: Record<string, unknown> = {}) => meteredEnv({ ...env, METER: "true", ...extra } as Env & Record<string, any>);

beforeEach(() => resetCounts());

describe("the meter is off unless METER is \"true\"", () => {
  it("hands back the very same Env, so nothing is wrapped", () => {
    expect(meteredEnv(env)).toBe(env);
    expect(meteredEnv({ ...env, METER: "false" }).DB).toBe(env.DB);
  });

  it("answers GET /api/v1/internal/meter with the API's 404 and leaves it out of the OpenAPI document", async () => {
    const res = await exports.default.fetch(new Request("http://localhost/api/v1/internal/meter"));
    expect(res.status).toBe(404);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("not_found");
    const doc = await (await exports.default.fetch(new Request("http://localhost/api/v1/openapi.json"))).text();
    expect(doc).not.toContain("internal/meter");
  });
});

describe("D1", () => {
  it("counts statements by verb, round trips, batches, rows and bound bytes", async () => {
    const metered = on();
    expect(meteredEnv(metered)).toBe(metered); // wrapping twice changes nothing
    const db = metered.DB;
    await db.prepare("create table if not exists meter_probe (id text primary key, v text)").run();
    await db.prepare("insert into meter_probe (id, v) values (?, ?)").bind("a", "ü").run(); // 1 + 2 bytes
    const rows = await db.prepare("select * from meter_probe where id = ?").bind("a").all();
    expect(rows.results).toEqual([{ id: "a", v: "ü" }]);
    const [inserted, selected] = await db.batch([
      db.prepare("insert into meter_probe (id, v) values (?, ?)").bind("b", "x"),
      db.prepare("select count(*) as n from meter_probe"),
    ]);
    expect(inserted.success).toBe(true);
    expect(selected.results).toEqual([{ n: 2 }]);
    expect(await db.prepare("select v from meter_probe where id = ?").bind("b").first("v")).toBe("x");

    const d1 = snapshot().d1.DB;
    expect(d1).toMatchObject({ statements: 6, reads: 3, writes: 3, other: 0, batches: 1, roundTrips: 5, withoutMeta: 1, paramBytes: 1 + 2 + 1 + 1 + 1 + 1 });
    expect(d1.rowsWritten).toBeGreaterThanOrEqual(2);
    expect(d1.rowsRead).toBeGreaterThanOrEqual(2);
    await env.DB.prepare("drop table meter_probe").run();
  });
});

describe("Durable Objects", () => {
  it("counts RPC calls per namespace and method, their argument bytes, and distinct objects", async () => {
    const ns = on().DEDUP;
    const first = ns.get(ns.idFromName("meter:phone:+79120000001"));
    expect(await first.acquire("run-1", 1_000)).toMatchObject({ acquired: true });
    expect(await first.release("run-1")).toBe(true);
    await ns.get(ns.idFromName("meter:email:a@b.c")).recall();
    expect(String(first.id)).toBe(String(ns.idFromName("meter:phone:+79120000001")));

    const counts = snapshot().durableObjects.DEDUP;
    expect(counts).toMatchObject({ requests: 3, rpcCalls: 3, fetches: 0, objects: 2, busiestObjectRequests: 2, methods: { acquire: 1, release: 1, recall: 1 } });
    expect(counts.bytes).toBe("run-1".length + 8 + "run-1".length); // strings as UTF-8, numbers as 8
  });
});

describe("bindings found by shape: Queues, R2, Workflows", () => {
  const sent: unknown[] = [];
  const queue = { send: async (body: unknown) => void sent.push(body), sendBatch: async (batch: Array<{ body: unknown }>) => void sent.push(...batch.map((m) => m.body)) };
  const objects = new Map<string, string>();
  const bucket = {
    put: async (key: string, value: string) => (objects.set(key, value), { key, size: value.length }),
    get: async (key: string) => (objects.has(key) ? { key, size: objects.get(key)!.length } : null),
    head: async () => null,
    list: async () => ({ objects: [] }),
    delete: async (keys: string | string[]) => void [keys].flat().forEach((k) => objects.delete(k)),
    createMultipartUpload: async () => ({}),
  };
  const created: string[] = [];
  const workflow = { create: async (o: { id: string }) => (created.push(o.id), { id: o.id }), createBatch: async (b: Array<{ id: string }>) => b.map((o) => (created.push(o.id), { id: o.id })), get: async (id: string) => ({ id }) };

  it("counts messages and bytes, puts/gets/deletes and bytes, instances created, per binding name", async () => {
    const metered = on({ JOB_QUEUE: queue, FILES: bucket, RUNS_NEXT: workflow });
    await metered.JOB_QUEUE.send({ runId: "r1" });
    await metered.JOB_QUEUE.sendBatch([{ body: "ab" }, { body: "cd" }]);
    await metered.FILES.put("k", "12345");
    await metered.FILES.get("k");
    await metered.FILES.get("missing");
    await metered.FILES.delete(["k", "j"]);
    await metered.RUNS_NEXT.create({ id: "w1", params: { a: 1 } });
    await metered.RUNS_NEXT.createBatch([{ id: "w2" }, { id: "w3" }]);

    expect(sent).toEqual([{ runId: "r1" }, "ab", "cd"]);
    expect(created).toEqual(["w1", "w2", "w3"]);
    const counts = snapshot();
    expect(counts.queues.JOB_QUEUE).toEqual({ messages: 3, calls: 2, bytes: JSON.stringify({ runId: "r1" }).length + 2 + 2 });
    expect(counts.r2.FILES).toMatchObject({ puts: 1, gets: 2, deletes: 2, putBytes: 5, getBytes: 5 });
    expect(counts.workflows.RUNS_NEXT).toMatchObject({ creates: 3, batchCalls: 1 });
  });
});

describe("entry points", () => {
  it("gives every handler of the default export the metered Env and counts its calls", async () => {
    let seen: Env | undefined;
    const handlers = withMeter({ async queue(_batch: unknown, e: Env) { seen = e; } });
    const meteredOn = { ...env, METER: "true" } as Env;
    await handlers.queue({}, meteredOn);
    expect(seen).toBe(meteredEnv(meteredOn));
    expect(seen).not.toBe(meteredOn);
    expect(snapshot().entries).toEqual({ queue: 1 });
  });

  it("gives a class constructed with an Env (Durable Object, Workflow) the metered one as this.env", () => {
    class Probe {
      constructor(readonly ctx: unknown, readonly env: Env) {}
    }
    const Metered = meteredClass(Probe);
    const meteredOn = { ...env, METER: "true" } as Env;
    expect(new Metered({}, meteredOn).env).toBe(meteredEnv(meteredOn));
    expect(Metered.name).toBe("Probe");
    expect(snapshot().entries).toEqual({ Probe: 1 });
  });

  it("serves the counts at GET /api/v1/internal/meter and resets them on DELETE", async () => {
    const meteredOn = { ...env, METER: "true" } as Env;
    await meteredEnv(meteredOn).DB.prepare("select 1").all();
    const got = await app.fetch(new Request("http://localhost/api/v1/internal/meter"), meteredOn, createExecutionContext());
    expect(got.status).toBe(200);
    const body = await got.json<any>();
    expect(body.bindings).toMatchObject({ DB: "d1", DEDUP: "durableObject", CONNECTOR_RATE_LIMIT: "durableObject", RUN_LEDGER: "durableObject", RUN_QUEUE: "queue", PAYLOADS: "r2" });
    expect(body.d1.DB.statements).toBe(1);
    const reset = await app.fetch(new Request("http://localhost/api/v1/internal/meter", { method: "DELETE" }), meteredOn, createExecutionContext());
    expect((await reset.json<any>()).d1).toEqual({});
  });
});
