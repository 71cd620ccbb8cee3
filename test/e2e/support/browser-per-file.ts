// One browser for all the tests of a file: launched before the first, closed after the last.
// Separate from browser.ts, which the bench imports outside vitest.
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, type TestBrowser } from "./browser";

/**
 * `acceptDialogs`: confirm() dialogs (delete, revoke…) are accepted, as a user would.
 * `locale`: the browser's language (the dashboard's on a first visit), en-US unless given.
 */
export function browserForFile(options: { acceptDialogs?: boolean; locale?: string } = {}): TestBrowser {
  let launched: TestBrowser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser({ locale: options.locale });
    if (options.acceptDialogs) launched.page.on("dialog", (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await launched?.close();
  });
  const current = () => {
    if (!launched) throw new Error("the browser is launched in beforeAll");
    return launched;
  };
  return {
    get context() {
      return current().context;
    },
    get page() {
      return current().page;
    },
    close: () => current().close(),
  };
}
