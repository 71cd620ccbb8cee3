// The registry of every connector, and the catalogue the dashboard builds its forms from
// (GET /api/v1/apps): labels, connection fields, triggers and actions as JSON Schema, with
// English and Russian labels on every field (`x-label`, `x-help`; `title`/`description` in
// English for plain JSON Schema tools).
import { z } from "zod";
import { amocrm } from "./amocrm";
import { bundleChain } from "./bundle";
import { gmail } from "./gmail";
import { googleSheets } from "./google_sheets";
import { http } from "./http";
import { keepincrm } from "./keepincrm";
import { manual } from "./manual";
import { schedule } from "./schedule";
import { telegram } from "./telegram";
import type { Catalogue, CatalogueApp, JsonSchema } from "./catalogue-app";
import type { ActionDeclaration, ConnectorDeclaration, TriggerDeclaration } from "./types";
import { vk } from "./vk";
import { webhook } from "./webhook";

const connectors = [webhook, manual, schedule, bundleChain, vk, googleSheets, amocrm, keepincrm, telegram, gmail, http] as ConnectorDeclaration[];

const byApp = new Map(connectors.map((c) => [c.app, c]));

export function listConnectors(): readonly ConnectorDeclaration[] {
  return connectors;
}

export function getConnector(app: string): ConnectorDeclaration | undefined {
  return byApp.get(app);
}

export function getAction(app: string, action: string): ActionDeclaration | undefined {
  const actions = getConnector(app)?.actions;
  return actions && Object.hasOwn(actions, action) ? actions[action] : undefined;
}

export function getTrigger(app: string, event: string): TriggerDeclaration | undefined {
  const triggers = getConnector(app)?.triggers;
  return triggers && Object.hasOwn(triggers, event) ? triggers[event] : undefined;
}

/** Added by the engine to every action's output (worker/engine/steps/action.ts). */
const ENGINE_OUTPUT_FIELDS: Record<string, JsonSchema> = {
  $ok: { type: "integer", enum: [0, 1], title: "Succeeded", "x-label": { en: "Succeeded (1/0)", ru: "Успешно (1/0)" } },
  $error: { type: "string", title: "Error", "x-label": { en: "Error message", ru: "Текст ошибки" } },
  $status: { type: "string", enum: ["ok", "error"], title: "Status", "x-label": { en: "Status", ru: "Статус" } },
};

let cached: Catalogue | undefined;

/** The GET /api/v1/apps payload (computed once per isolate). */
export function catalogueJson(): Catalogue {
  cached ??= { apps: connectors.map(catalogueEntry) };
  return cached;
}

/** One app of the catalogue: its declaration as the dashboard reads it. */
export function catalogueEntry(c: ConnectorDeclaration): CatalogueApp {
  return {
    app: c.app,
    label: c.label,
    help: c.help,
    connection: c.connection
      ? {
          schema: markFields(jsonSchema(c.connection.fields, "input"), { writeOnly: c.connection.secret, readOnly: c.connection.managed ?? [] }),
          secret: c.connection.secret,
          managed: c.connection.managed ?? [],
        }
      : null,
    ...(c.connection?.oauth ? { oauth: { fields: c.connection.oauth.fields } } : {}),
    triggers: Object.entries(c.triggers).map(([event, t]) => ({
      event,
      label: t.label,
      help: t.help,
      kind: t.kind,
      needs_connection: t.needsConnection ?? false,
      options: t.options ? jsonSchema(t.options, "input") : null,
      output: t.output ? jsonSchema(t.output, "output") : null,
    })),
    actions: Object.entries(c.actions).map(([action, a]) => {
      const output = jsonSchema(a.output, "output");
      return {
        action,
        label: a.label,
        help: a.help,
        input: jsonSchema(a.input, "input"),
        output: { ...output, properties: { ...output.properties, ...ENGINE_OUTPUT_FIELDS } },
        supports_dedup: Boolean(a.dedup),
        dedup_keys: a.dedup ? a.dedup.keys : null,
      };
    }),
  };
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema & { $schema?: string };
  return rest as JsonSchema;
}

/** Secret fields get `writeOnly` (+ `x-secret`), fields the connector maintains get `readOnly`. */
function markFields(schema: JsonSchema, marks: { writeOnly: string[]; readOnly: string[] }): JsonSchema {
  const properties = { ...schema.properties };
  for (const name of marks.writeOnly) if (properties[name]) properties[name] = { ...properties[name], writeOnly: true, "x-secret": true };
  for (const name of marks.readOnly) if (properties[name]) properties[name] = { ...properties[name], readOnly: true };
  return { ...schema, properties };
}
