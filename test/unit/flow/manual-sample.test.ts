// The data a manual trigger starts with when none is given: its `sample` option, and nothing
// for any other trigger (a force run then starts with {}, a step test answers no_sample).
import { describe, expect, it } from "vitest";
import { manualSample, type Bundle } from "../../../worker/flow";

const bundle = (trigger: Bundle["trigger"]): Bundle => ({ format: "bundle/1", name: "b", trigger, steps: [] });

describe("manualSample", () => {
  it("is the manual trigger's sample", () => {
    expect(manualSample(bundle({ id: "t", app: "manual", event: "run", options: { sample: { amount: "5" } } }))).toEqual({ amount: "5" });
  });
  it("is undefined for a manual trigger without one", () => {
    expect(manualSample(bundle({ id: "t", app: "manual", event: "run" }))).toBeUndefined();
    expect(manualSample(bundle({ id: "t", app: "manual", event: "run", options: {} }))).toBeUndefined();
  });
  it("is undefined for other triggers, even with a `sample` option", () => {
    expect(manualSample(bundle({ id: "t", app: "webhook", event: "catch", options: { sample: { a: 1 } } }))).toBeUndefined();
  });
});
