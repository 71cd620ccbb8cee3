// Bundles as files: the exported JSON offered as a download, and, when importing one, the
// connections it names by placeholder with the app each is for (to ask for one of that app).
import type { BundleDocument, Step } from "#lib/api/bundle-types.ts";

/** The app whose connection sends failure notices (bundle settings). */
const ALERT_APP = "telegram";

export function connectionPlaceholders(doc: BundleDocument): Map<string, string> {
  const found = new Map<string, string>();
  const note = (placeholder: string | undefined, app: string) => {
    if (placeholder && !found.has(placeholder)) found.set(placeholder, app);
  };
  note(doc.trigger?.connection, doc.trigger?.app);
  const visit = (steps: readonly Step[] | undefined) => {
    for (const step of steps ?? []) {
      if (step.kind === "action") note(step.connection, step.app);
      if (step.kind === "if") {
        visit(step.then);
        visit(step.else);
      }
    }
  };
  visit(doc.steps);
  note(doc.settings?.notify_on_failure?.connection, ALERT_APP);
  return found;
}

/** A file name for an exported bundle: its name in Latin letters and digits, else "bundle". */
export function exportFileName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug || "bundle"}.bundle.json`;
}

/** Offers a JSON document to the browser as a file download. */
export function downloadJson(fileName: string, value: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
