// An action step's input, rendered from the run's data. The fields the action declares as URLs
// are rendered as URLs: inserted values are percent-encoded for where they land (docs/runs.md).
import { getAction } from "../connectors/catalogue";
import { urlFields } from "../connectors/fields";
import { renderInputs, type ActionStep } from "../flow";
import type { Text } from "../i18n/text";

export function renderStepInput(step: ActionStep, scope: Record<string, unknown>) {
  const action = getAction(step.app, step.action);
  return renderInputs(step.input ?? {}, scope, action && urlFields(action.input));
}

/** A note per template path that resolved to nothing. */
export function emptyPathNotes(missing: readonly string[]): Text[] {
  return missing.map((path) => ({ en: `empty: {{${path}}} resolved to nothing`, ru: `пусто: {{${path}}} не дал значения` }));
}
