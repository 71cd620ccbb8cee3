// What the contract tests share: an ActionContext whose HTTP goes through the real client and
// the global fetch (routed to the doubles by the outbound service), a recording store, and
// the admin surface of a double.
import { createHttpClient } from "../../../worker/connectors/http-client";
import { ConnectorError, type ActionDeclaration } from "../../../worker/connectors/types";

export function harness(connection: Record<string, unknown>) {
  const log: string[] = [];
  const stored: Array<Record<string, string>> = [];
  const http = createHttpClient({ allowPrivateNetwork: false, log: (line) => log.push(line) });
  const store = { update: async (fields: Record<string, string>) => void stored.push(fields) };
  return {
    log,
    stored,
    http,
    store,
    connection,
    /** Runs the action as the engine does: input parsed by the action's schema first. */
    run(action: ActionDeclaration, input: Record<string, unknown>) {
      return action.run({ input: action.input.parse(input), connection, http, store, log: (m) => log.push(m) }) as Promise<any>;
    },
  };
}

export async function admin(origin: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${origin}/__admin/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return res.json();
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
