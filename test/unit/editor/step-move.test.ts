// Moving a step in the editor (buttons, dragging, arrow keys): it lands where it was put, into
// and out of if/else branches, never into itself (web/src/lib/components/editor/step-move.ts).
import { describe, expect, it } from "vitest";
import type { Step } from "../../../web/src/lib/api/types";
import { moveStep, neighbourGap } from "../../../web/src/lib/components/editor/step-move";

const stop = (id: string): Step => ({ id, kind: "stop" });
const check = (id: string, then: Step[], otherwise?: Step[]): Step => ({
  id,
  kind: "if",
  when: { left: "{{t.a}}", op: "not_empty" },
  then,
  ...(otherwise ? { else: otherwise } : {}),
});

/** The shape of a flow as ids: "a", "c(then: x | else: y)". */
function shape(steps: Step[]): string {
  return steps
    .map((s) => (s.kind === "if" ? `${s.id}(${shape(s.then)} | ${shape(s.else ?? [])})` : s.id))
    .join(" ");
}

const flow = () => [stop("a"), stop("b"), check("c", [stop("x")], []), stop("d")];

describe("moveStep", () => {
  it("moves within a list, up and down, and returns the new pointer", () => {
    const steps = flow();
    expect(moveStep(steps, "/steps/3", { list: "/steps", index: 0 })).toBe("/steps/0");
    expect(shape(steps)).toBe("d a b c(x | )");
    expect(moveStep(steps, "/steps/0", { list: "/steps", index: 3 })).toBe("/steps/2");
    expect(shape(steps)).toBe("a b d c(x | )");
  });

  it("moves into a branch and back out, following the if whose index shifts", () => {
    const steps = flow();
    expect(moveStep(steps, "/steps/0", { list: "/steps/2/then", index: 1 })).toBe("/steps/1/then/1");
    expect(shape(steps)).toBe("b c(x a | ) d");
    expect(moveStep(steps, "/steps/1/then/0", { list: "/steps/1/else", index: 0 })).toBe("/steps/1/else/0");
    expect(moveStep(steps, "/steps/1/else/0", { list: "/steps", index: 3 })).toBe("/steps/3");
    expect(shape(steps)).toBe("b c(a | ) d x");
  });

  it("refuses a move into the step itself, to a missing list, or to where it already is", () => {
    const steps = flow();
    expect(moveStep(steps, "/steps/2", { list: "/steps/2/then", index: 0 })).toBeUndefined();
    expect(moveStep(steps, "/steps/0", { list: "/steps/1/then", index: 0 })).toBeUndefined();
    expect(moveStep(steps, "/steps/0", { list: "/steps", index: 9 })).toBeUndefined();
    expect(moveStep(steps, "/steps/1", { list: "/steps", index: 2 })).toBeUndefined();
    expect(shape(steps)).toBe("a b c(x | ) d");
  });
});

describe("neighbourGap", () => {
  it("walks a step through every branch on the way, one place per key press", () => {
    const steps = flow();
    let at = "/steps/3";
    const seen = [];
    for (let press = 0; press < 6; press++) {
      const gap = neighbourGap(steps, at, -1);
      if (!gap) break;
      at = moveStep(steps, at, gap)!;
      seen.push(shape(steps));
    }
    expect(seen).toEqual([
      "a b c(x | d)",
      "a b c(x d | )",
      "a b c(d x | )",
      "a b d c(x | )",
      "a d b c(x | )",
      "d a b c(x | )",
    ]);
    expect(neighbourGap(steps, at, -1)).toBeUndefined();
  });

  it("carries an if step with its branches past others, never into itself", () => {
    const steps = flow();
    expect(neighbourGap(steps, "/steps/2", 1)).toEqual({ list: "/steps", index: 4 });
    expect(neighbourGap(steps, "/steps/2", -1)).toEqual({ list: "/steps", index: 1 });
  });
});
