// What the contract tests share: an ActionContext whose HTTP goes through the real client and
// the global fetch (routed to the doubles by the outbound service), and a recording store.
// The doubles' admin surface is ../support/fakes.ts.
import { createHttpClient } from "../../../worker/connectors/http-client";
import { ConnectorError, type ActionDeclaration } from "../../../worker/connectors/types";
import { inLocale } from "../../../worker/i18n/text";

export function harness(connection: Record<string, unknown>) {
  const log: string[] = [];
  const stored: Array<Record<string, string>> = [];
  const http = createHttpClient({ allowPrivateNetwork: false, log: (line) => log.push(line.en) });
  const store = { update: async (fields: Record<string, string>) => void stored.push(fields) };
  return {
    log,
    stored,
    http,
    store,
    connection,
    /** Runs the action as the engine does: input parsed by the action's schema first. */
    run(action: ActionDeclaration, input: Record<string, unknown>) {
      return action.run({ input: action.input.parse(input), connection, http, store, log: (m) => log.push(inLocale(m, "en")) }) as Promise<any>;
    },
  };
}

/** The ConnectorError a promise rejects with. */
export async function connectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error("expected a ConnectorError");
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
