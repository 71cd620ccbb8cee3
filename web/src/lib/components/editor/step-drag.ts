// A step card's drag handle: pointer events (mouse, pen and touch alike) drag the step to the
// gap under the pointer, shown by StepList as a line; the arrow keys move it one place up or
// down, into and out of branches. Either way the move is EditorState.moveStep.
// Hand-written rather than a library: see docs/decisions/0019-step-drag-by-hand.md.
import { tick } from "svelte";
import type { Attachment } from "svelte/attachments";
import type { EditorState } from "./editor-state.svelte.ts";
import { isWithin, neighbourGap, staysPut, type Gap } from "./step-move.ts";

/** How far the pointer travels before a press on the handle becomes a drag. */
const DRAG_THRESHOLD = 5;
/** Near the top or bottom of the window a drag scrolls the page (phones show few steps). */
const SCROLL_EDGE = 48;

export function stepDrag(editor: EditorState, pointer: string): Attachment<HTMLElement> {
  return (handle) => {
    let start: { x: number; y: number; id: number } | null = null;

    function down(event: PointerEvent) {
      if (event.button !== 0 || editor.readonly) return;
      start = { x: event.clientX, y: event.clientY, id: event.pointerId };
      handle.setPointerCapture(event.pointerId);
    }

    function move(event: PointerEvent) {
      if (!start || event.pointerId !== start.id) return;
      if (!editor.drag) {
        if (Math.hypot(event.clientX - start.x, event.clientY - start.y) < DRAG_THRESHOLD) return;
        editor.drag = { from: pointer, to: null };
      }
      editor.drag.to = gapAt(event.clientX, event.clientY, pointer);
      if (event.clientY < SCROLL_EDGE) window.scrollBy(0, -12);
      else if (event.clientY > window.innerHeight - SCROLL_EDGE) window.scrollBy(0, 12);
    }

    function up(event: PointerEvent) {
      if (!start || event.pointerId !== start.id) return;
      const to = editor.drag?.to;
      end();
      if (to) settle(editor.moveStep(pointer, to));
    }

    function end() {
      start = null;
      editor.drag = null;
    }

    function keydown(event: KeyboardEvent) {
      if (event.key === "Escape" && editor.drag) return end();
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      event.preventDefault();
      const gap = neighbourGap(editor.doc.steps, pointer, event.key === "ArrowUp" ? -1 : 1);
      if (gap) settle(editor.moveStep(pointer, gap));
    }

    const listeners = { pointerdown: down, pointermove: move, pointerup: up, pointercancel: end, keydown } as const;
    for (const [type, listener] of Object.entries(listeners)) handle.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of Object.entries(listeners)) handle.removeEventListener(type, listener as EventListener);
      if (start && editor.drag?.from === pointer) editor.drag = null;
    };
  };
}

/**
 * The gap under the pointer: in the innermost list of steps there (never one inside the dragged
 * step), before the first card whose middle is below the pointer. Null where a drop changes nothing.
 */
function gapAt(x: number, y: number, from: string): Gap | null {
  let list = document.elementFromPoint(x, y)?.closest<HTMLElement>("ol[data-list]");
  while (list && isWithin(list.dataset.list!, from)) list = list.parentElement?.closest<HTMLElement>("ol[data-list]");
  if (!list) return null;
  const cards = [...list.children].flatMap((item) => [...item.children].filter((el) => el.matches("article.step")));
  const index = cards.findIndex((card) => {
    const box = card.getBoundingClientRect();
    return y < box.top + box.height / 2;
  });
  const gap = { list: list.dataset.list!, index: index < 0 ? cards.length : index };
  return staysPut(from, gap) ? null : gap;
}

/** The moved card is drawn anew (in another list, or at another place): its handle keeps the focus. */
async function settle(moved: string | undefined) {
  if (!moved) return;
  await tick();
  const handle = document.querySelector<HTMLElement>(`article[data-pointer="${moved}"] > header .drag-handle`);
  handle?.focus({ preventScroll: false });
  handle?.scrollIntoView({ block: "nearest" });
}
