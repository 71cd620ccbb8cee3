// The one walk over a bundle's steps: every step, those in if-branches included, in document
// order (a step, its `then`, its `else`), with its path; and a copy with every step changed.
// Imported documents are walked before validation, so odd values must not break it.
import { describe, expect, it } from "vitest";
import { allSteps, forEachStep, mapSteps, type Step } from "../../../worker/flow";

const stop = (id: string): Step => ({ id, kind: "stop" });
const when = { left: "1", op: "eq", right: "1" } as const;
const steps: Step[] = [
  stop("a"),
  {
    id: "b",
    kind: "if",
    when,
    then: [stop("c"), { id: "d", kind: "if", when, then: [stop("e")] }],
    else: [stop("f")],
  },
  { id: "g", kind: "router", routes: [{ when, goto: "h" }], otherwise: "stop" },
  stop("h"),
];

describe("forEachStep", () => {
  it("visits every step in document order with its path below the given one", () => {
    const seen: Array<[string, unknown[]]> = [];
    forEachStep(steps, (step, path) => seen.push([step.id, path]), ["steps"]);
    expect(seen).toEqual([
      ["a", ["steps", 0]],
      ["b", ["steps", 1]],
      ["c", ["steps", 1, "then", 0]],
      ["d", ["steps", 1, "then", 1]],
      ["e", ["steps", 1, "then", 1, "then", 0]],
      ["f", ["steps", 1, "else", 0]],
      ["g", ["steps", 2]],
      ["h", ["steps", 3]],
    ]);
  });

  it("passes over what is not a step, and branches that are not lists", () => {
    const seen: unknown[] = [];
    forEachStep([null, 3, "x", [stop("in_a_list")], { id: "i", kind: "if", then: "nope", else: [{ id: "j" }] }], (step) => seen.push(step.id));
    expect(seen).toEqual(["i", "j"]);
    forEachStep(undefined, () => seen.push("never"));
    forEachStep({ steps: [] }, () => seen.push("never"));
    expect(seen).toEqual(["i", "j"]);
  });

  it("does not enter the branch-like fields of steps other than if", () => {
    const seen: unknown[] = [];
    forEachStep([{ id: "a", kind: "action", then: [stop("hidden")] }], (step) => seen.push(step.id));
    expect(seen).toEqual(["a"]);
  });
});

describe("allSteps", () => {
  it("lists every step once, nested ones after their if", () => {
    expect(allSteps(steps).map((s) => s.id)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
  });
  it("is empty for no steps", () => {
    expect(allSteps([])).toEqual([]);
  });
});

describe("mapSteps", () => {
  it("changes every step, nested ones included, in document order, and leaves the original alone", () => {
    const before = structuredClone(steps);
    const order: unknown[] = [];
    const renamed = mapSteps(steps, (step) => {
      order.push(step.id);
      return { ...step, id: `${String(step.id)}2` };
    });
    expect(order).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"]);
    expect(allSteps(renamed as Step[]).map((s) => s.id)).toEqual(["a2", "b2", "c2", "d2", "e2", "f2", "g2", "h2"]);
    expect((renamed[1] as { when: unknown }).when).toEqual(when);
    expect(steps).toEqual(before);
  });

  it("keeps what is not a step, and branches that are not lists, as they are", () => {
    const odd = [null, 7, { id: "i", kind: "if", then: "nope" }];
    expect(mapSteps(odd, (step) => ({ ...step, seen: true }))).toEqual([null, 7, { id: "i", kind: "if", then: "nope", seen: true }]);
  });
});
