// Connection references inside a bundle/1 document: the trigger's `connection`, every
// action's `connection` (inside if-branches too) and settings.notify_on_failure.connection.
// Export turns them into placeholders; import maps placeholders back to the importer's
// connections. Data such as inputs and samples is never touched, even if it has a
// `connection` key of its own.
import { mapSteps } from "../flow";

type Doc = {
  trigger?: { connection?: unknown };
  steps?: unknown[];
  settings?: { notify_on_failure?: { connection?: unknown } };
};

/** Returns a copy of the document with every connection reference replaced by `map(ref)`. */
export function mapConnectionRefs(document: unknown, map: (ref: string) => string): unknown {
  if (!document || typeof document !== "object") return document;
  const doc = document as Doc;
  const out: Record<string, unknown> = { ...(document as Record<string, unknown>) };
  if (doc.trigger && typeof doc.trigger.connection === "string") out.trigger = { ...doc.trigger, connection: map(doc.trigger.connection) };
  if (Array.isArray(doc.steps)) out.steps = mapSteps(doc.steps, (s) => (typeof s.connection === "string" ? { ...s, connection: map(s.connection) } : s));
  const notify = doc.settings?.notify_on_failure;
  if (notify && typeof notify.connection === "string") {
    out.settings = { ...doc.settings, notify_on_failure: { ...notify, connection: map(notify.connection) } };
  }
  return out;
}

/** Every connection reference in the document, each once, in document order. */
export function connectionRefs(document: unknown): string[] {
  const refs = new Set<string>();
  mapConnectionRefs(document, (ref) => {
    refs.add(ref);
    return ref;
  });
  return [...refs];
}
