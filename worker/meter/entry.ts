// Where the meter goes in: the Worker's handlers and the classes workerd constructs with an
// Env (Durable Objects, Workflows). Each is given the metered Env when METER is "true".
import { countEntry } from "./counters";
import { meteredEnv, meterOn } from "./metered-env";

/** Every handler of the default export (fetch, scheduled, queue, …) gets the metered Env, its second argument. */
export function withMeter<H extends Record<string, unknown>>(handlers: H): H {
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] =
      typeof handler === "function"
        ? (event: unknown, env: unknown, ctx: unknown) => {
            if (meterOn(env)) countEntry(name);
            return handler.call(handlers, event, meteredEnv(env), ctx);
          }
        : handler;
  }
  return wrapped as H;
}

type EnvClass = abstract new (...args: any[]) => object;

/** A Durable Object or Workflow class whose instances see the metered Env as `this.env`. */
export function meteredClass<C extends EnvClass>(base: C): C {
  const name = base.name;
  abstract class Metered extends base {
    constructor(...args: any[]) {
      const [ctx, env] = args;
      if (meterOn(env)) countEntry(name);
      super(ctx, meteredEnv(env));
    }
  }
  Object.defineProperty(Metered, "name", { value: name });
  return Metered;
}
