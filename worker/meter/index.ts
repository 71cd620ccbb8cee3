// The platform meter (off unless the var METER is "true"): counts what the Worker asks of
// D1, Durable Objects, Queues, R2 and Workflows, per binding, for the scale bench
// (bench/scale.ts, docs/scale.md). Bindings are found by shape, so new ones are metered too.
export type { MeterSnapshot } from "./counters";
export { meteredClass, withMeter } from "./entry";
export { meteredEnv } from "./metered-env";
export { METER_PATH, meterRoute } from "./routes";
