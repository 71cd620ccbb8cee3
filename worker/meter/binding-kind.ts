// Which kind of binding a value of the Env is, told by its shape (the methods it has), so a
// binding added to wrangler.toml is metered without naming it here.

export type BindingKind = "d1" | "durableObject" | "queue" | "r2" | "workflow";

/** A member no binding has: an object that answers to it answers to any name (an RPC stub). */
const PROBE = "svyazkaMeterProbe_9f2c";

export function bindingKind(value: unknown): BindingKind | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const has = (name: string) => {
    try {
      return typeof (value as Record<string, unknown>)[name] === "function";
    } catch {
      return false;
    }
  };
  if (has(PROBE)) return undefined; // a service binding: its methods are whatever it exports
  if (has("prepare") && has("batch") && has("exec")) return "d1";
  if (has("idFromName") && has("get")) return "durableObject";
  if (has("createMultipartUpload") && has("head") && has("put")) return "r2";
  if (has("send") && has("sendBatch")) return "queue";
  if (has("create") && has("get") && !has("put")) return "workflow";
  return undefined;
}
