// What the bundle validator needs to know about this workspace: the connector catalogue
// (apps, actions, their input schemas) and which connections exist, of which app.
import { listConnections } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { getAction, getTrigger } from "../connectors/catalogue";
import type { ValidationContext } from "../flow";

/** The validator's view of the connector catalogue (no I/O: tests and templates use it too). */
export const catalogueForValidation: NonNullable<ValidationContext["catalogue"]> = {
  trigger(app, event) {
    const t = getTrigger(app, event);
    if (!t) return undefined;
    return { options: t.options, supportsSchedule: t.kind === "polling" || t.kind === "schedule", needsConnection: t.needsConnection ?? false };
  },
  action(app, action) {
    const a = getAction(app, action);
    return a ? { input: a.input, supportsDedup: Boolean(a.dedup), connectionApp: app } : undefined;
  },
};

export async function validationContextFor(scope: WorkspaceScope): Promise<ValidationContext> {
  const connections = new Map((await listConnections(scope)).map((c) => [c.id, c.app]));
  return { catalogue: catalogueForValidation, connections: { appOf: (id) => connections.get(id) } };
}
