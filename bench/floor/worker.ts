// The end-to-end bench's floor (wrangler.toml here): a run's hops on a bare Worker, in the
// order Svyazka's engine makes them for the bench's bundle (find → router → create → if →
// notify, three calls): the record before the answer, the queue message, the take, a
// reservation per call, the first two calls' results written while the next call's
// reservation is made, the last one's with the finish. The calls themselves are left out, as
// the bench subtracts the time spent in the doubles.
import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  LEDGER: DurableObjectNamespace<FloorLedger>;
  LIMITER: DurableObjectNamespace<FloorLimiter>;
  QUEUE: Queue<{ id: string }>;
}

const CALLS = 3;

/** One SQLite row per run, rewritten at each hop like the run ledger's. */
export class FloorLedger extends DurableObject<FloorEnv> {
  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS run (id TEXT PRIMARY KEY, stage TEXT NOT NULL, created_at INTEGER NOT NULL, finished_at INTEGER)");
  }

  record(id: string) {
    this.ctx.storage.sql.exec("INSERT INTO run (id, stage, created_at) VALUES (?, 'queued', ?)", id, Date.now());
  }

  write(id: string, stage: string) {
    const finished = stage === "finished" ? Date.now() : null;
    this.ctx.storage.sql.exec("UPDATE run SET stage = ?, finished_at = coalesce(?, finished_at) WHERE id = ?", stage, finished, id);
  }

  finishedAt(id: string): number | null {
    return (this.ctx.storage.sql.exec<{ finished_at: number | null }>("SELECT finished_at FROM run WHERE id = ?", id).toArray()[0]?.finished_at ?? null);
  }
}

/** A token bucket's reservation, as cheap as one can be. */
export class FloorLimiter extends DurableObject<FloorEnv> {
  take() {
    return 0;
  }
}

const ledgerOf = (env: FloorEnv) => env.LEDGER.get(env.LEDGER.idFromName("floor"));

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const id = url.searchParams.get("id");
    if (!id) return new Response("id?", { status: 400 });
    if (request.method === "GET") return Response.json({ finished_at: await ledgerOf(env).finishedAt(id) });
    await ledgerOf(env).record(id);
    ctx.waitUntil(env.QUEUE.send({ id }));
    return new Response(null, { status: 202 });
  },

  async queue(batch, env) {
    await Promise.all(
      batch.messages.map(async (message) => {
        const { id } = message.body;
        const ledger = ledgerOf(env);
        const limiter = env.LIMITER.get(env.LIMITER.idFromName("account"));
        await ledger.write(id, "running");
        let written: Promise<void> = Promise.resolve();
        for (let call = 1; call <= CALLS; call++) {
          await Promise.all([written, limiter.take()]);
          written = call < CALLS ? ledger.write(id, `call ${call}`) : Promise.resolve();
        }
        await ledger.write(id, "finished");
        message.ack();
      }),
    );
  },
} satisfies ExportedHandler<FloorEnv, { id: string }>;
