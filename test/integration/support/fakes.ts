// The doubles (test/fakes/) from a test's side: their admin surface (state, knobs, reset), what
// the Telegram double has sent, and faults injected into the doubles' answers.
import type { Fault } from "../../fakes/faults";

/** GET (no body) or POST (a JSON body) to `<origin>/__admin/<path>`; answers the JSON. */
export async function admin(origin: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${origin}/__admin/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json();
}

export const TELEGRAM = "http://telegram.fake";
export const AMOCRM = "http://amocrm.fake";

type Sent = { chat_id: string; text: string };
const sent = async (): Promise<Sent[]> => (await admin(TELEGRAM, "state")).messages;

/** The texts the Telegram double has sent to this chat, oldest first. */
export async function sentTo(chat: string | number): Promise<string[]> {
  return (await sent()).filter((m) => m.chat_id === String(chat)).map((m) => m.text);
}

/** The texts the Telegram double has sent that contain `marker`, oldest first. */
export async function sentContaining(marker: string): Promise<string[]> {
  return (await sent()).map((m) => m.text).filter((t) => t.includes(marker));
}

/** Makes the next matching request(s) to a double fail as `fault` says (test/fakes/faults.ts). */
export async function injectFault(fault: Omit<Fault, "count"> & { count?: number }) {
  await fetch("http://faults.fake/inject", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
}

/** Drops the faults not fired yet. */
export async function resetFaults() {
  await fetch("http://faults.fake/reset", { method: "POST" });
}

/** A contact as the amoCRM double holds it. */
export interface AmoContact {
  id: number;
  custom_fields_values: Array<{ field_code: string; values: Array<{ value: string }> }> | null;
}

export async function amoContacts(): Promise<AmoContact[]> {
  return (await admin(AMOCRM, "state")).contacts;
}
