// Approximate sizes of what crosses a binding: bound SQL parameters, RPC arguments, message
// bodies. Exact for strings and binary data; structured values count as their JSON.

const encoder = new TextEncoder();

export function byteSize(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "string") return encoder.encode(value).byteLength;
  if (typeof value === "number" || typeof value === "bigint") return 8;
  if (typeof value === "boolean") return 1;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof Blob) return value.size;
  if (value instanceof ReadableStream) return 0; // unknown until read; callers take the size from the result
  try {
    return encoder.encode(JSON.stringify(value) ?? "").byteLength;
  } catch {
    return 0; // cyclic or not serialisable as JSON (e.g. an RPC stub)
  }
}

/** The sum over a list (bound parameters, RPC arguments). */
export function byteSizeOfAll(values: readonly unknown[]): number {
  return values.reduce<number>((sum, v) => sum + byteSize(v), 0);
}
