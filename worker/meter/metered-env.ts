// The Env with every metered binding wrapped, or the Env itself when METER is not "true".
// The same Env always gives the same metered object, so caches keyed by Env keep working.
import { bindingKind, type BindingKind } from "./binding-kind";
import { meterD1 } from "./d1";
import { meterDurableObjectNamespace } from "./durable-object";
import { meterQueue } from "./queue";
import { meterR2 } from "./r2";
import { meterWorkflow } from "./workflow";

const WRAP: Record<BindingKind, (binding: any, name: string) => unknown> = {
  d1: meterD1,
  durableObject: meterDurableObjectNamespace,
  queue: meterQueue,
  r2: meterR2,
  workflow: meterWorkflow,
};

const metered = new WeakMap<object, object>();

export function meterOn(env: unknown): boolean {
  return (env as { METER?: string } | undefined)?.METER === "true";
}

export function meteredEnv<E>(env: E): E {
  if (!meterOn(env)) return env;
  const source = env as object;
  let wrapped = metered.get(source);
  if (!wrapped) {
    const entries = Object.entries(source).map(([name, value]) => {
      const kind = bindingKind(value);
      return [name, kind ? WRAP[kind](value, name) : value];
    });
    wrapped = Object.fromEntries(entries) as object;
    metered.set(source, wrapped);
    metered.set(wrapped, wrapped); // wrapping twice (an entry that calls another) changes nothing
  }
  return wrapped as E;
}

/** The kind each binding was metered as: what the meter detected, for its report. */
export function meteredBindings(env: unknown): Record<string, BindingKind> {
  if (!env || typeof env !== "object") return {};
  return Object.fromEntries(
    Object.entries(env).flatMap(([name, value]) => {
      const kind = bindingKind(value);
      return kind ? [[name, kind]] : [];
    }),
  );
}
