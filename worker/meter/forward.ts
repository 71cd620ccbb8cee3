// Calling through to the real binding. Reflect.apply, never fn.call/apply/bind: a member of an
// RPC stub is itself a stub that answers to any name, so `.call` would become an RPC call.

export function forward(fn: Function, target: object, args: readonly unknown[]): any {
  return Reflect.apply(fn, target, args);
}

/** A member read through a proxy: functions stay bound to the real binding, values pass as they are. */
export function passThrough(target: object, value: unknown): unknown {
  return typeof value === "function" ? (...args: unknown[]) => forward(value, target, args) : value;
}
