// The Google Sheets source of a `google_sheets.new_rows` bundle: its options and a client with
// the bundle's connection. Polling and "load test data" both read through it.
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { httpClientFor } from "../connections/http-client-for";
import { loadConnection } from "../connections/load-connection";
import { sheetsFor } from "../connectors/google_sheets";
import { ConnectorError } from "../connectors/types";
import type { Env } from "../env";
import type { Bundle } from "../flow";
import type { SheetTriggerOptions } from "./sheet-identity";

export async function openSheetSource(env: Env, scope: WorkspaceScope, document: Bundle) {
  const options = document.trigger.options as unknown as SheetTriggerOptions;
  const connection = document.trigger.connection ? await loadConnection(env, scope, document.trigger.connection) : undefined;
  if (!connection) throw new ConnectorError(
      { en: "The bundle's Google Sheets connection no longer exists; choose one in the trigger.", ru: "Подключения Google Таблиц этой связки больше нет; выберите другое в триггере." },
      { code: "connection_missing" },
    );
  const client = sheetsFor({ connection: connection.fields, http: httpClientFor(env), store: connection });
  return { options, client };
}
