// A run's id is derived from its bundle and triggering event, and doubles as the Workflow
// instance id: creating the same instance twice fails, so one event never starts two runs.
import { sha256Hex } from "../security/api-key-token";

/** `r_` + 32 hex characters: within the Workflow instance-id alphabet ([A-Za-z0-9_-], ≤ 100). */
export async function runIdFor(bundleId: string, eventKey: string): Promise<string> {
  return "r_" + (await sha256Hex(`${bundleId}\n${eventKey}`)).slice(0, 32);
}
