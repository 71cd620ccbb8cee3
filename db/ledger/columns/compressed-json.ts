// A JSON column stored compressed (decision 0032): step-log inputs and outputs and a run's
// trigger are most of a ledger's bytes, and a ledger holds 10 GB. A value whose JSON is long
// enough is written as a BLOB: one encoding byte, then the JSON deflated (raw deflate, node:zlib
// of workerd's nodejs_compat, synchronous so it runs inside the ledger's transactions). Shorter
// values, and every row written before this column was compressed, are TEXT holding the JSON;
// both read back as the same value. The declared SQL type stays `text` (SQLite keeps a BLOB in
// a TEXT column as it is), so no table had to be rebuilt.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { customType } from "drizzle-orm/sqlite-core";

/** The first byte of a compressed value: which encoding follows. */
export const ENCODING_DEFLATE_RAW = 1;
/** Below this many bytes of JSON a value stays TEXT: deflate's gain would not pay for a BLOB's. */
export const COMPRESS_FROM_BYTES = 160;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): string | Uint8Array {
  const json = JSON.stringify(value);
  if (json.length < COMPRESS_FROM_BYTES / 2) return json;
  const utf8 = encoder.encode(json);
  if (utf8.byteLength < COMPRESS_FROM_BYTES) return json;
  const deflated = deflateRawSync(utf8, { level: 6 });
  if (deflated.byteLength + 1 >= utf8.byteLength) return json;
  const stored = new Uint8Array(deflated.byteLength + 1);
  stored[0] = ENCODING_DEFLATE_RAW;
  stored.set(deflated, 1);
  return stored;
}

export function decodeJson(stored: unknown): unknown {
  if (typeof stored === "string") return JSON.parse(stored);
  const bytes = stored instanceof ArrayBuffer ? new Uint8Array(stored) : (stored as Uint8Array);
  if (bytes[0] !== ENCODING_DEFLATE_RAW) throw new Error(`unknown ledger value encoding ${bytes[0]}`);
  return JSON.parse(decoder.decode(inflateRawSync(bytes.subarray(1))));
}

/** A nullable JSON column stored by encodeJson. */
export const compressedJson = (name: string) =>
  customType<{ data: unknown; driverData: string | Uint8Array | null }>({
    dataType: () => "text",
    // A prepared statement's placeholder reaches here even when null (drizzle skips plain nulls).
    toDriver: (value) => (value === null || value === undefined ? null : encodeJson(value)),
    fromDriver: decodeJson,
  })(name);
