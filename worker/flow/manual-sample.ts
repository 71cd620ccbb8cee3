// What a manual trigger starts with when nobody gives it data: its `sample` option. A force
// run, a step test and "load test data" all read it here.
import type { Bundle } from "./bundle-schema";

/** A manual trigger's `sample` option; undefined for other triggers or when it has none. */
export function manualSample(document: Bundle): unknown {
  return document.trigger.app === "manual" ? (document.trigger.options as { sample?: unknown } | undefined)?.sample : undefined;
}
