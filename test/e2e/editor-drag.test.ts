// Moving steps in the editor by hand: a step dragged with the mouse to another place and into
// an if/else branch (a line shows where it will land), one pushed along with the arrow keys
// and announced, one dragged with a finger on a phone-width screen; the saved bundle has the
// new order.
import { expect, inject, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import { browserForFile } from "./support/browser-per-file";
import { apiCall, createBundle } from "./support/api";
import { screenshot, signUp, uniqueEmail } from "./support/user-flows";

const baseUrl = inject("baseUrl");
const browser = browserForFile({ acceptDialogs: true });

const card = (page: Page, id: string) => page.locator(`article.step[data-step-id="${id}"]`);
const handle = (page: Page, id: string) => page.getByRole("button", { name: `Move ${id}: drag it, or press the up and down arrow keys` });
const filter = (id: string) => ({ id, kind: "filter", when: { left: "{{hook.name}}", op: "not_empty" } });

/** The ids of a list of steps as the editor draws it, branches as `if(then | else)`. */
async function drawnOrder(page: Page): Promise<string> {
  return page.evaluate(() => {
    const shape = (list: Element): string =>
      [...list.children]
        .flatMap((item) => [...item.children].filter((el) => el.matches("article.step")))
        .map((step) => {
          const branches = [...step.querySelectorAll(":scope > .body .branch")].map((b) => (b.querySelector("ol[data-list]") ? shape(b.querySelector("ol[data-list]")!) : ""));
          return branches.length ? `${step.getAttribute("data-step-id")}(${branches.join(" | ")})` : step.getAttribute("data-step-id")!;
        })
        .join(" ");
    return shape(document.querySelector('ol[data-list="/steps"]')!);
  });
}

function centre(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Scrolls so that the dragged step's handle and the place it goes are both on screen. */
async function showBoth(page: Page, from: Locator, to: Locator) {
  const tops = await Promise.all([from, to].map((l) => l.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)));
  await page.evaluate((y) => window.scrollTo(0, y), Math.min(...tops) - 80);
}

/**
 * Presses the mouse on a step's handle and moves it, in small steps, onto `target`: into the
 * upper part of a step card (a drop there puts the dragged step before it), or its middle.
 */
async function dragTo(page: Page, id: string, target: Locator, where: "above" | "centre") {
  await showBoth(page, handle(page, id), target);
  const start = centre((await handle(page, id).boundingBox())!);
  const box = (await target.boundingBox())!;
  const point = where === "above" ? { x: box.x + box.width / 2, y: box.y + 6 } : centre(box);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(point.x, point.y, { steps: 10 });
}

test("steps are dragged with the mouse, into a branch and out, moved with the keys and a finger, and saved in the new order", async () => {
  const { page } = browser;
  const workspaceId = await signUp(page, baseUrl, { email: uniqueEmail("drag"), workspace: "Drag Co" });
  const { id: bundleId } = await createBundle(page, workspaceId, {
    format: "bundle/1",
    name: "Sorted leads",
    trigger: { id: "hook", app: "webhook", event: "catch" },
    steps: [filter("first"), filter("second"), { id: "check", kind: "if", when: { left: "{{hook.vip}}", op: "not_empty" }, then: [{ id: "inner", kind: "stop" }], else: [] }, { id: "last", kind: "stop" }],
  });
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto(`${baseUrl}/w/${workspaceId}/bundles/${bundleId}`);
  await card(page, "check").getByRole("button", { name: /If \/ else/ }).click(); // its branches show
  await card(page, "inner").waitFor();
  expect(await drawnOrder(page)).toBe("first second check(inner | ) last");

  // the last step, dragged above the first: a line shows the place before it is dropped
  await dragTo(page, "last", card(page, "first"), "above");
  const line = page.locator("li.drop-here");
  expect(await line.count()).toBe(1);
  expect(await line.locator(":scope > article.step").getAttribute("data-step-id")).toBe("first");
  expect(await card(page, "last").getAttribute("class")).toContain("dragged");
  await screenshot(page, "editor-drag");
  await page.mouse.up();
  expect(await line.count()).toBe(0);
  expect(await drawnOrder(page)).toBe("last first second check(inner | )");

  // into the "holds" branch, above the step there
  await dragTo(page, "second", card(page, "inner"), "above");
  await page.mouse.up();
  expect(await drawnOrder(page)).toBe("last first check(second inner | )");

  // out of the branch again, into the empty "does not hold" one
  const otherwise = page.getByRole("region", { name: "Steps when check does not hold" });
  await dragTo(page, "inner", otherwise.locator("ol"), "centre");
  await page.mouse.up();
  expect(await drawnOrder(page)).toBe("last first check(second | inner)");

  // a press on the handle that hardly moves is not a drag
  await dragTo(page, "first", handle(page, "first"), "centre");
  await page.mouse.up();
  expect(await drawnOrder(page)).toBe("last first check(second | inner)");

  // the keyboard: the arrow keys take the step into the next branch, and it is announced
  await handle(page, "first").focus();
  await page.keyboard.press("ArrowDown");
  expect(await drawnOrder(page)).toBe("last check(first second | inner)");
  const announcement = page.locator('.flow > [aria-live="polite"]');
  expect(await announcement.textContent()).toBe("first moved: step 1 of Steps when check holds");
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^Move first:/);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  expect(await drawnOrder(page)).toBe("first last check(second | inner)");
  expect(await announcement.textContent()).toBe("first moved: step 1 of Steps");

  // the up and down buttons go through the same move, and are announced too
  await card(page, "last").getByRole("button", { name: "Move last up", exact: true }).click();
  expect(await drawnOrder(page)).toBe("last first check(second | inner)");
  expect(await announcement.textContent()).toBe("last moved: step 1 of Steps");

  // a finger on a phone-width screen: "check" (with its branches) dragged above "first"
  await page.setViewportSize({ width: 360, height: 1400 });
  await touchDrag(page, "check", card(page, "first"));
  expect(await drawnOrder(page)).toBe("last check(second | inner) first");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved as version 2.").waitFor();
  const saved = await apiCall(page, "GET", `/w/${workspaceId}/bundles/${bundleId}`);
  const ids = (steps: Array<{ id: string }>) => steps.map((s) => s.id);
  expect(ids(saved.json.document.steps)).toEqual(["last", "check", "first"]);
  expect(ids(saved.json.document.steps[1].then)).toEqual(["second"]);
  expect(ids(saved.json.document.steps[1].else)).toEqual(["inner"]);
});

/** A touch drag as a phone sends it (touch start, moves, end), through Chromium's input layer. */
async function touchDrag(page: Page, id: string, target: Locator) {
  await showBoth(page, handle(page, id), target);
  const start = centre((await handle(page, id).boundingBox())!);
  const box = (await target.boundingBox())!;
  const to = { x: box.x + box.width / 2, y: box.y + 6 };
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", point?: { x: number; y: number }) =>
    cdp.send("Input.dispatchTouchEvent", { type, touchPoints: point ? [{ x: point.x, y: point.y }] : [] });
  await touch("touchStart", start);
  for (let i = 1; i <= 10; i++) await touch("touchMove", { x: start.x + ((to.x - start.x) * i) / 10, y: start.y + ((to.y - start.y) * i) / 10 });
  await touch("touchEnd");
  await cdp.detach();
}
