// Reading the connector catalogue (GET /apps): labels in the current language and the fields
// of a JSON Schema object, in declaration order. Nothing here knows any particular connector.
import type { CatalogueApp, JsonSchema, Label } from "#lib/api/types.ts";
import { i18n } from "#lib/i18n/index.svelte.ts";

/** A connector's label in the dashboard's language. */
export function localized(label: Label | undefined, fallback = ""): string {
  return label ? label[i18n.locale] || label.en : fallback;
}

export interface SchemaField {
  key: string;
  label: string;
  help: string;
  schema: JsonSchema;
  required: boolean;
}

/** The properties of an object schema as form fields; a field without a label shows its key. */
export function fieldsOf(schema: JsonSchema | null | undefined): SchemaField[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([key, s]) => ({
    key,
    label: localized(s["x-label"], s.title ?? key),
    help: localized(s["x-help"], s.description ?? ""),
    schema: s,
    required: required.has(key),
  }));
}

export function findApp(apps: readonly CatalogueApp[], app: string) {
  return apps.find((a) => a.app === app);
}

export function findTrigger(apps: readonly CatalogueApp[], app: string, event: string) {
  return findApp(apps, app)?.triggers.find((t) => t.event === event);
}

export function findAction(apps: readonly CatalogueApp[], app: string, action: string) {
  return findApp(apps, app)?.actions.find((a) => a.action === action);
}

/** "amoCRM: New contact", or the raw names when the catalogue does not know them. */
export function actionTitle(apps: readonly CatalogueApp[], app: string, action: string): string {
  const a = findApp(apps, app);
  const act = a?.actions.find((x) => x.action === action);
  return appAndEntry(localized(a?.label, app), localized(act?.label, action));
}

export function triggerTitle(apps: readonly CatalogueApp[], app: string, event: string): string {
  const a = findApp(apps, app);
  const tr = a?.triggers.find((x) => x.event === event);
  return appAndEntry(localized(a?.label, app), localized(tr?.label, event));
}

/** "App: Entry", but just "HTTP request" where the entry is named like its app. */
function appAndEntry(app: string, entry: string): string {
  return entry.toLocaleLowerCase() === app.toLocaleLowerCase() ? app : `${app}: ${entry}`;
}
