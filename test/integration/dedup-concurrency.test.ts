// Dedup under concurrency (issue 5): 40 deliveries at once, in groups that share a phone or
// an email written in different formats, against an amoCRM double whose search lags 1.5 s
// behind writes and which answers 429 above 7 requests a second. Exactly one contact per
// person, every run succeeds, and contacts found gain what they lacked without losing theirs.
import { afterAll, describe, expect, it } from "vitest";
import { createBundle, leadToContactStep, manualBundle } from "./support/bundles";
import { amocrmConnection } from "./support/connections";
import { admin, type AmoContact, amoContacts, AMOCRM } from "./support/fakes";
import { forceRun, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

const values = (c: AmoContact, code: string) => (c.custom_fields_values ?? []).filter((f) => f.field_code === code).flatMap((f) => f.values.map((v) => v.value));
const digits = (p: string) => p.replace(/\D/g, "").replace(/^8/, "7");
const knobs = (patch: Record<string, unknown>) => admin(AMOCRM, "knobs", patch);

describe("dedup under 40 concurrent deliveries", () => {
  afterAll(() => knobs({ searchLagMs: 0 }));

  it("creates exactly one contact per person and merges what they lacked", async () => {
    const u = await signUp("dedup40");
    const tag = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
    const people = Array.from({ length: 10 }, (_, i) => ({
      phone: `912${tag.slice(0, 3)}${String(i).padStart(2, "0")}${tag.slice(3, 5)}`,
      email: `p${i}-${tag}@example.com`,
    }));
    // Two people are already in the CRM, with a phone only.
    await admin(
      AMOCRM,
      "contacts",
      people.slice(0, 2).map((p, i) => ({ name: `Existing ${i}`, custom_fields_values: [{ field_code: "PHONE", values: [{ value: `+7${p.phone}`, enum_code: "MOB" }] }] })),
    );
    const amo = await amocrmConnection(u);
    const bundleId = await createBundle(
      u,
      manualBundle({
        name: "Lead → contact, never twice",
        trigger: "lead",
        steps: [leadToContactStep(amo)],
      }),
    );
    // Four deliveries per person: phone in three writings, email in two, sometimes one missing.
    const deliveries = people.flatMap((p, i) => [
      { name: `Person ${i}`, phone: `+7 ${p.phone.slice(0, 3)} ${p.phone.slice(3, 6)}-${p.phone.slice(6, 8)}-${p.phone.slice(8)}`, email: p.email },
      { name: `Person ${i}`, phone: `8 (${p.phone.slice(0, 3)}) ${p.phone.slice(3)}`, email: "" },
      { name: `Person ${i}`, phone: "", email: `  ${p.email.toUpperCase()} ` },
      { name: `Person ${i}`, phone: p.phone, email: p.email },
    ]);
    await knobs({ searchLagMs: 1500, rps: 7 });
    const runIds = await Promise.all(deliveries.map((payload) => forceRun(u, bundleId, payload)));
    const runs = await Promise.all(runIds.map((id) => waitForRun(u, id)));
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => "success"));

    const contacts = await amoContacts();
    for (const p of people) {
      const mine = contacts.filter((c) => values(c, "PHONE").some((v) => digits(v) === `7${p.phone}`) || values(c, "EMAIL").some((v) => v.toLowerCase() === p.email));
      expect(mine, p.email).toHaveLength(1);
      expect(values(mine[0], "EMAIL").map((e) => e.toLowerCase())).toEqual([p.email]);
      expect(values(mine[0], "PHONE").map(digits)).toEqual([`7${p.phone}`]);
    }
    // A step retried after a 429 has one log row per attempt; the last, successful one tells what happened.
    const logs = runs.map((r) => r.steps.filter((s: { status: string }) => s.status === "ok").at(-1).output as { created: number; updated: number; matched_by: string });
    expect(logs.filter((o) => o.created === 1)).toHaveLength(8);
  }, 180_000);
});
