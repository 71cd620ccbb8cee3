// The editor's state: the bundle/1 document being edited (the only thing saved), the
// catalogue and connections it is edited against, validation errors by JSON pointer, and
// sample values for the variable picker. Shared with every step card through context.
import { getContext, setContext } from "svelte";
import type { ErrorDetail } from "#lib/api/error.ts";
import { t } from "#lib/i18n/index.svelte.ts";
import type {
  BundleDocument,
  CatalogueApp,
  Connection,
  Step,
} from "#lib/api/types.ts";
import { gapOf, listAt, moveStep, type Gap } from "./step-move.ts";
import { pointer } from "../../../../../worker/flow/flow-error.ts";
import { forEachStep } from "../../../../../worker/flow/step-tree.ts";

export interface PlacedStep {
  step: Step;
  /** JSON pointer of the step in the document, e.g. "/steps/2/then/0". */
  pointer: string;
}

/** Every step in document order (an `if`'s branches right after it), with its pointer. */
export function placedSteps(steps: readonly Step[]): PlacedStep[] {
  const placed: PlacedStep[] = [];
  forEachStep(steps, (step, path) => placed.push({ step, pointer: pointer(path) }), ["steps"]);
  return placed;
}

export class EditorState {
  doc: BundleDocument = $state()!;
  /** Problems from the last save (the server's) or from checking the document since. */
  errors = $state.raw<ErrorDetail[]>([]);
  /** Sample data by trigger or step id: stored test data, the last run, step tests. */
  samples = $state<Record<string, unknown>>({});
  bundleId = $state<string | null>(null);
  /** The stored test data: what a run with test data and a step test use. */
  testData = $state<unknown>(null);
  /** The document as last saved, or as it was opened (JSON), to tell unsaved changes. */
  saved = $state("");
  /** What the flow's live region reads out: the last move of a step. */
  announcement = $state("");
  /** While a step is dragged: its pointer, and the gap it would be dropped into. */
  drag = $state<{ from: string; to: Gap | null } | null>(null);
  /** The workspace's connections: one created in place from a step joins them. */
  connections = $state.raw<Connection[]>([]);

  constructor(
    readonly workspaceId: string,
    readonly apps: CatalogueApp[],
    connections: Connection[],
    doc: BundleDocument,
    bundleId: string | null,
    /** A drawing only (a shared bundle): no adding, moving, testing or editing. */
    readonly readonly = false
  ) {
    this.doc = doc;
    this.connections = connections;
    this.bundleId = bundleId;
    this.saved = JSON.stringify(doc);
  }

  /**
   * Whether the document was changed since it was saved, or since a new bundle was opened: an
   * untouched blank bundle has nothing to lose (leaving it for a template asks nothing).
   */
  get dirty(): boolean {
    return JSON.stringify(this.doc) !== this.saved;
  }

  /** Errors about exactly this field. */
  errorsAt(pointer: string): ErrorDetail[] {
    return this.errors.filter((e) => e.path === pointer);
  }

  /** Errors about this step or anything inside it. */
  errorsUnder(pointer: string): ErrorDetail[] {
    return this.errors.filter((e) => e.path === pointer || e.path.startsWith(`${pointer}/`));
  }

  /** An id like `base`, `base_2`… that no trigger or step uses yet. */
  uniqueId(base: string): string {
    const taken = new Set([this.doc.trigger.id, ...placedSteps(this.doc.steps).map((p) => p.step.id)]);
    const stem = base.replace(/[^a-z0-9_]/g, "_").replace(/^[^a-z]+/, "").slice(0, 36) || "step";
    if (!taken.has(stem)) return stem;
    for (let n = 2; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
  }

  /**
   * Moves a step (buttons, dragging and arrow keys alike) and announces where it went.
   * Returns its new pointer; undefined when read-only or when it cannot or need not move.
   */
  moveStep(from: string, to: Gap): string | undefined {
    if (this.readonly) return undefined;
    const moved = moveStep(this.doc.steps, from, to);
    if (!moved) return undefined;
    const gap = gapOf(moved);
    const id = listAt(this.doc.steps, gap.list)![gap.index].id;
    this.announcement = t("editor.moved", { id, n: gap.index + 1, where: this.listName(gap.list) });
    return moved;
  }

  /** The name of a list of steps as its StepList labels it. */
  listName(list: string): string {
    if (list === "/steps") return t("editor.steps");
    const owner = gapOf(list.slice(0, list.lastIndexOf("/")));
    const id = listAt(this.doc.steps, owner.list)![owner.index].id;
    return t(list.endsWith("/then") ? "editor.if.then_label" : "editor.if.else_label", { id });
  }

  connectionsFor(app: string): Connection[] {
    return this.connections.filter((c) => c.app === app);
  }

  addConnection(connection: Connection) {
    this.connections = [...this.connections, connection];
  }
}

const key = Symbol("bundle-editor");

export function provideEditor(state: EditorState) {
  setContext(key, state);
}

export function useEditor(): EditorState {
  return getContext<EditorState>(key);
}
