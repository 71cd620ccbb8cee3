// Large run payloads (a trigger's data, a step's output) live in R2, with a small reference in
// the ledger's row, so one chatty webhook or API cannot fill a ledger (10 GB per object) or
// make its rows slow. Smaller values stay inline.
import { utf8Fits, utf8Length } from "../bytes/utf8";

export const INLINE_PAYLOAD_BYTES = 32 * 1024;

export interface PayloadRef {
  $payload: string;
  bytes: number;
}

export function isPayloadRef(value: unknown): value is PayloadRef {
  return typeof value === "object" && value !== null && typeof (value as PayloadRef).$payload === "string" && Object.keys(value).length === 2;
}

/**
 * The value to keep in the row: a plain-JSON copy of it (what RPC can carry to the ledger,
 * whatever prototypes the parsed input had), or a reference to the R2 object it was written to.
 * The object is written before the ledger decides whether to keep the row (a refused or
 * repeated delivery, a step of a run this executor lost), so each write gets a key of its own:
 * a repeat never overwrites what a kept row points to, and the caller deletes what was not kept.
 */
export async function storePayload(env: { PAYLOADS: R2Bucket }, workspaceId: string, runId: string, name: string, value: unknown): Promise<{ value: unknown; keys: string[] }> {
  const json = JSON.stringify(value ?? null);
  if (utf8Fits(json, INLINE_PAYLOAD_BYTES)) return { value: JSON.parse(json), keys: [] };
  const key = `runs/${workspaceId}/${runId}/${encodeURIComponent(name)}.${crypto.randomUUID().slice(0, 8)}`;
  await env.PAYLOADS.put(key, json, { httpMetadata: { contentType: "application/json" } });
  return { value: { $payload: key, bytes: utf8Length(json) } satisfies PayloadRef, keys: [key] };
}

/** The value a row holds, fetched from R2 when the row holds a reference. */
export async function loadPayload(env: { PAYLOADS: R2Bucket }, value: unknown): Promise<unknown> {
  if (!isPayloadRef(value)) return value;
  const object = await env.PAYLOADS.get(value.$payload);
  if (!object) return { $missing: true, bytes: value.bytes, reason: "The payload was deleted with the run's logs." };
  return object.json();
}

export async function deletePayloads(env: { PAYLOADS: R2Bucket }, keys: string[]) {
  for (let i = 0; i < keys.length; i += 1000) await env.PAYLOADS.delete(keys.slice(i, i + 1000));
}
