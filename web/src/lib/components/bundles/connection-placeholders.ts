// The connections an exported bundle names by placeholder, with the app each one is for, so
// that importing it can ask for a connection of the right app for each.
import type { BundleDocument, Connection } from "#lib/api/types.ts";
import { forEachStep } from "../../../../../worker/flow/step-tree.ts";

/** The app whose connection sends failure notices (bundle settings). */
const ALERT_APP = "telegram";

export function connectionPlaceholders(doc: BundleDocument): Map<string, string> {
  const found = new Map<string, string>();
  const note = (placeholder: string | undefined, app: string) => {
    if (placeholder && !found.has(placeholder)) found.set(placeholder, app);
  };
  note(doc.trigger?.connection, doc.trigger?.app);
  forEachStep(doc.steps, (step) => {
    if (step.kind === "action") note(step.connection, step.app);
  });
  note(doc.settings?.notify_on_failure?.connection, ALERT_APP);
  return found;
}

/** The mapping to start from: each placeholder with exactly one connection of its app gets it. */
export function onlyCandidates(placeholders: Iterable<[string, string]>, connections: readonly Connection[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const [placeholder, app] of placeholders) {
    const candidates = connections.filter((c) => c.app === app);
    if (candidates.length === 1) mapping[placeholder] = candidates[0].id;
  }
  return mapping;
}
