// What the variable picker offers at a step: the trigger's fields and those of every action
// before it (document order, as the validator allows), each with a sample value when one is
// known, plus the run's and bundle's own fields.
import type { JsonSchema } from "#lib/api/types.ts";
import { t } from "#lib/i18n/index.svelte.ts";
import { actionTitle, fieldsOf, findAction, findTrigger, triggerTitle } from "./catalogue.ts";
import { placedSteps, type EditorState } from "./editor-state.svelte.ts";

export interface VariableField {
  /** What goes between the braces: `lead.phone`. */
  path: string;
  label: string;
  sample?: string;
}

export interface VariableSource {
  id: string;
  title: string;
  fields: VariableField[];
}

const MAX_FIELDS = 60;
const SAMPLE_CHARS = 60;

function sampleText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text;
}

/** Leaf paths of a sample value ("answers.q1", "rows.0.name"), two levels deep. */
function samplePaths(value: unknown, prefix: string[] = [], depth = 0): Array<{ path: string[]; value: unknown }> {
  if (value && typeof value === "object" && depth < 2) {
    const entries = Array.isArray(value) ? value.slice(0, 1).map((v, i) => [String(i), v] as const) : Object.entries(value);
    return entries.flatMap(([k, v]) => samplePaths(v, [...prefix, k], depth + 1));
  }
  return prefix.length ? [{ path: prefix, value }] : [];
}

function valueAt(sample: unknown, path: string[]): unknown {
  let node = sample;
  for (const key of path) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Declared output fields first (with their labels), then whatever the sample adds. */
function fieldsFor(id: string, output: JsonSchema | null | undefined, sample: unknown): VariableField[] {
  const declared = fieldsOf(output).map((f) => ({
    path: `${id}.${f.key}`,
    label: f.label,
    sample: sampleText(valueAt(sample, [f.key]))
  }));
  const known = new Set(declared.map((f) => f.path));
  const extra = samplePaths(sample)
    .map(({ path, value }) => ({ path: `${id}.${path.join(".")}`, label: path.join("."), sample: sampleText(value) }))
    .filter((f) => !known.has(f.path));
  return [...declared, ...extra].slice(0, MAX_FIELDS);
}

export function sourcesBefore(state: EditorState, pointer: string): VariableSource[] {
  const { doc, apps, samples } = state;
  const trigger = doc.trigger;
  const sources: VariableSource[] = [];
  if (trigger.app && trigger.event) {
    const declared = findTrigger(apps, trigger.app, trigger.event);
    sources.push({
      id: trigger.id,
      title: triggerTitle(apps, trigger.app, trigger.event),
      fields: fieldsFor(trigger.id, declared?.output, samples[trigger.id])
    });
  }
  // the trigger's own options (a webhook's reply) see the trigger only
  for (const { step, pointer: at } of pointer === "/trigger" ? [] : placedSteps(doc.steps)) {
    if (at === pointer) break;
    if (step.kind !== "action" || !step.app || !step.action) continue;
    sources.push({
      id: step.id,
      title: actionTitle(apps, step.app, step.action),
      fields: fieldsFor(step.id, findAction(apps, step.app, step.action)?.output, samples[step.id])
    });
  }
  sources.push({
    id: "run",
    title: t("editor.variables.run"),
    fields: [
      { path: "run.id", label: t("editor.variables.run_id") },
      { path: "run.url", label: t("editor.variables.run_url") },
      { path: "run.started_at", label: t("editor.variables.run_started_at") },
      { path: "bundle.name", label: t("editor.variables.bundle_name") },
      { path: "bundle.url", label: t("editor.variables.bundle_url") }
    ]
  });
  return sources;
}
