// New steps as the "add step" menu creates them: the smallest bundle/1 step of each kind,
// with an id no other step has. Fields the user must still fill are left empty (the
// validator names them), never invented.
import type { Step } from "#lib/api/types.ts";
import type { EditorState } from "./editor-state.svelte.ts";

export const STEP_KINDS = ["action", "router", "if", "filter", "stop"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const blankComparison = () => ({ left: "", op: "not_empty" as const });

export function newStep(editor: EditorState, kind: StepKind): Step {
  switch (kind) {
    case "action":
      return { id: editor.uniqueId("step"), kind, app: "", action: "", input: {} };
    case "router":
      return { id: editor.uniqueId("router"), kind, routes: [{ when: blankComparison(), goto: "" }], otherwise: "stop" };
    case "if":
      return { id: editor.uniqueId("if"), kind, when: blankComparison(), then: [], else: [] };
    case "filter":
      return { id: editor.uniqueId("filter"), kind, when: blankComparison() };
    case "stop":
      // "stop" itself is reserved (a router's "otherwise": "stop")
      return { id: editor.uniqueId("done"), kind };
  }
}

/** Ids given automatically ("step", "step_2"): renamed after the action once one is chosen. */
export function isAutomaticId(id: string): boolean {
  return /^step(_\d+)?$/.test(id);
}
