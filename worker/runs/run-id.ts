// A run's id is derived from its bundle and triggering event, so the same event always names
// the same run: the ledger records it once, whoever delivers it and however often.
import { sha256Hex } from "../bytes/sha256";

/** `r_` + 32 hex characters. */
export async function runIdFor(bundleId: string, eventKey: string): Promise<string> {
  return "r_" + (await sha256Hex(`${bundleId}\n${eventKey}`)).slice(0, 32);
}
