// The ledger's durable step lets the next step prepare while the previous one's result is being
// written, but nothing of it acts before that write is confirmed; a failed write (the run taken
// over) ends the run before the next step's request is sent; a write that errors is retried on
// its own, without doing the step's work again.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LeaseLost } from "../../../worker/engine/durable-step";
import { ledgerDurableStep } from "../../../worker/engine/ledger-durable-step";
import type { Ledger } from "../../../worker/runs/ledger";

/** A ledger whose step writes finish when the test says, answering `held`. */
function slowLedger(events: string[]) {
  let finishWrite: (held: boolean) => void = () => {};
  const ledger = {
    recordStep: (_runId: string, _owner: string, name: string) => {
      events.push(`write ${name} starts`);
      return new Promise<boolean>((resolve) => {
        finishWrite = (held) => {
          events.push(`write ${name} ${held ? "done" : "refused"}`);
          resolve(held);
        };
      });
    },
  } as unknown as Ledger;
  return { ledger, finishWrite: (held: boolean) => finishWrite(held) };
}

const stepOptions = (ledger: Ledger) => ({ env, ledger, workspaceId: "ws", runId: "run-1", owner: "me", leaseMs: 60_000, recorded: {} });
const tick = () => new Promise((r) => setTimeout(r, 10));

/** A first step recorded lazily, then a second that prepares, then sends once the first is written. */
async function twoSteps(ledger: Ledger, events: string[]) {
  const durable = ledgerDurableStep(stepOptions(ledger));
  await durable.do("first", async () => ({ value: 1, logs: [] }));
  return durable.do("second", async (recorded) => {
    events.push("second prepares");
    try {
      await recorded;
      events.push("second sends");
    } catch {
      events.push("second gives up");
    }
    return { value: 2, logs: [] };
  });
}

describe("the ledger's durable step", () => {
  it("prepares the next step during the previous one's write and sends only after it", async () => {
    const events: string[] = [];
    const { ledger, finishWrite } = slowLedger(events);
    const second = twoSteps(ledger, events);
    await tick();
    // Both under way, in whichever order; nothing sent.
    expect([...events].sort()).toEqual(["second prepares", "write first starts"]);
    finishWrite(true);
    expect(await second).toBe(2);
    expect(events.slice(2)).toEqual(["write first done", "second sends"]);
  });

  it("never lets the next step send when the previous one's result could not be recorded", async () => {
    const events: string[] = [];
    const { ledger, finishWrite } = slowLedger(events);
    const second = twoSteps(ledger, events);
    await tick();
    finishWrite(false);
    await expect(second).rejects.toBeInstanceOf(LeaseLost);
    expect(events.slice(2)).toEqual(["write first refused", "second gives up"]);
  });

  it("retries a write that errors on its own: the step's work is done once", async () => {
    const events: string[] = [];
    let writes = 0;
    const ledger = {
      recordStep: async (_runId: string, _owner: string, name: string) => {
        writes++;
        if (writes === 1) throw new Error("Durable Object reset because its code was updated.");
        events.push(`write ${name} done`);
        return true;
      },
    } as unknown as Ledger;
    let calls = 0;
    const durable = ledgerDurableStep(stepOptions(ledger));
    await durable.do("first", async () => {
      calls++;
      return { value: 1, logs: [] };
    });
    const second = await durable.do("second", async (recorded) => {
      await recorded;
      events.push("second sends");
      return { value: 2, logs: [] };
    });
    expect(second).toBe(2);
    expect(calls).toBe(1);
    expect(writes).toBe(2);
    expect(events).toEqual(["write first done", "second sends"]);
  });
});
