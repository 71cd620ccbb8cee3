// Dedup's memory (decision 0033): a person delivered again is matched from the lease objects'
// memory, and an update that would write what was written last time is not sent at all; a
// remembered contact deleted in amoCRM is forgotten and created again, once, without an error.
import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import { createBundle, leadToContactStep, manualBundle } from "./support/bundles";
import { amocrmConnection } from "./support/connections";
import { admin, type AmoContact, amoContacts, AMOCRM } from "./support/fakes";
import { forceRun, runBundle, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

const knobs = (patch: Record<string, unknown>) => admin(AMOCRM, "knobs", patch);
const amoRequests = async (): Promise<number> => Object.values((await admin(AMOCRM, "state")).requests as Record<string, number>).reduce((a, b) => a + b, 0);
const phones = (c: AmoContact) => (c.custom_fields_values ?? []).filter((f) => f.field_code === "PHONE").flatMap((f) => f.values.map((v) => v.value.replace(/\D/g, "").replace(/^8/, "7")));

interface Lead {
  name: string;
  phone: string;
  email: string;
}

async function contactBundle(name: string) {
  const u = await signUp(name);
  const amo = await amocrmConnection(u);
  const bundleId = await createBundle(
    u,
    manualBundle({
      name: "Lead → contact, never twice",
      trigger: "lead",
      steps: [leadToContactStep(amo)],
    }),
  );
  /** Runs the bundle for `lead`; the contact step's last attempt (output and notes). */
  const deliver = async (lead: Lead) => {
    const run = await runBundle(u, bundleId, lead);
    expect(run.status, run.error).toBe("success");
    return run.steps.filter((s: { id: string }) => s.id === "contact").at(-1) as { output: { id: string; created: number; updated: number }; notes: string[] };
  };
  return { u, amo, bundleId, deliver };
}

/** A fresh person: a Russian mobile unique to this test run, and an email. */
function person(): Lead & { digits: string } {
  const n = String(Math.floor(Math.random() * 1e7)).padStart(7, "0");
  return { name: `Person ${n}`, phone: `+7915${n}`, email: `p${n}@example.com`, digits: `7915${n}` };
}
const contactsWithPhone = async (digits: string) => (await amoContacts()).filter((c) => phones(c).includes(digits));

describe("dedup's memory of contacts", () => {
  afterAll(() => knobs({ searchLagMs: 0 }));

  it("sends amoCRM nothing for the same person delivered again, however the phone and email are written", async () => {
    // Search lags behind writes: only the memory can find the contact just created.
    await knobs({ searchLagMs: 60_000 });
    const { deliver } = await contactBundle("dedup-memory");
    const p = person();
    const first = await deliver(p);
    expect(first.output).toMatchObject({ created: 1 });
    const id = first.output.id;

    const before = await amoRequests();
    const d = p.phone.slice(2);
    for (const writing of [`8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`, d]) {
      const again = await deliver({ ...p, phone: writing, email: `  ${p.email.toUpperCase()} ` });
      expect(again.output).toMatchObject({ id, created: 0, updated: 0 });
      expect(again.notes.join("\n")).toContain(`reused ${id} (remembered, by phone); no update sent`);
    }
    expect(await amoRequests()).toBe(before);

    // Something new to write: the update is sent, to the remembered contact.
    const renamed = await deliver({ ...p, name: `${p.name} Jr` });
    expect(renamed.output).toMatchObject({ id, created: 0, updated: 1 });
    expect(renamed.notes.join("\n")).toContain(`updated ${id} (remembered, by phone)`);
    expect(await amoRequests()).toBeGreaterThan(before);
    const [contact] = await contactsWithPhone(p.digits);
    expect(contact).toMatchObject({ id: Number(id), name: `${p.name} Jr` });
    expect(await contactsWithPhone(p.digits)).toHaveLength(1);
  });

  it("reuses a remembered person with nothing new to write without taking a lease: another run holding their phone does not hold it up", async () => {
    await knobs({ searchLagMs: 0 });
    const { u, amo, deliver } = await contactBundle("dedup-no-lease");
    const p = person();
    const { id } = (await deliver(p)).output;
    const phoneLease = env.DEDUP.get(env.DEDUP.idFromName(`${u.workspaceId}:${amo}:phone:+${p.digits}`));
    expect(await phoneLease.acquire("another-run", 60_000)).toMatchObject({ acquired: true });

    const started = Date.now();
    const again = await deliver(p);
    expect(again.output).toMatchObject({ id, created: 0, updated: 0 });
    expect(again.notes.join("\n")).toContain(`reused ${id} (remembered, by phone); no update sent`);
    // A leased run would have waited for the 60 s lease (or a minute, then failed).
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await phoneLease.acquire("a-third-run", 1_000)).toMatchObject({ acquired: false, holder: "another-run" });
    await phoneLease.release("another-run");
  });

  it("creates a remembered contact deleted in amoCRM again, once, and the run succeeds", async () => {
    await knobs({ searchLagMs: 0 });
    const { deliver } = await contactBundle("dedup-deleted");
    const p = person();
    const id = (await deliver(p)).output.id;
    await admin(AMOCRM, "delete-contacts", { ids: [Number(id)] });

    const after = await deliver({ ...p, name: `${p.name} (again)` });
    expect(after.output).toMatchObject({ created: 1, updated: 0 });
    expect(after.output.id).not.toBe(id);
    expect(after.notes.join("\n")).toContain(`${id} (remembered) is no longer in the CRM`);

    // The new contact is the one remembered from now on.
    const next = await deliver({ ...p, name: `${p.name} (third)` });
    expect(next.output).toMatchObject({ id: after.output.id, created: 0, updated: 1 });
    expect(await contactsWithPhone(p.digits)).toHaveLength(1);
  });

  it("still makes one contact of concurrent deliveries of one person written differently", async () => {
    await knobs({ searchLagMs: 1500 });
    const { u, bundleId } = await contactBundle("dedup-memory-burst");
    const p = person();
    const d = p.phone.slice(2);
    const writings = [p.phone, `8 (${d.slice(0, 3)}) ${d.slice(3)}`, d, `+7 ${d.slice(0, 3)} ${d.slice(3)}`];
    const emails = [p.email, p.email.toUpperCase(), ` ${p.email} `];
    const runIds = await Promise.all(Array.from({ length: 12 }, (_, k) => forceRun(u, bundleId, { ...p, phone: writings[k % 4], email: emails[k % 3] })));
    const runs = await Promise.all(runIds.map((runId) => waitForRun(u, runId)));
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => "success"));
    const outputs = runs.map((r) => r.steps.filter((s: { status: string }) => s.status === "ok").at(-1).output as { created: number; updated: number });
    expect(outputs.filter((o) => o.created === 1)).toHaveLength(1);
    // Every writing is the same person with the same name: nothing to update after the create.
    expect(outputs.filter((o) => o.updated === 1)).toHaveLength(0);
    expect(await contactsWithPhone(p.digits)).toHaveLength(1);
  }, 120_000);
});
