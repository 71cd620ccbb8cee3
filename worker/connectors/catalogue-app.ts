// One app of the connector catalogue (GET /api/v1/apps) as catalogue.ts builds it and the
// dashboard reads it. Types only, over leaves: the dashboard takes them without the connectors.
import type { Label, TriggerDeclaration } from "./types";

/** The JSON Schema the catalogue writes (z.toJSONSchema's output), with the bilingual labels. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  title?: string;
  description?: string;
  "x-label"?: Label;
  "x-help"?: Label;
  /** What each value of an enum reads as, by value ("new" → "New rows" / «Новые строки»). */
  "x-choices"?: Record<string, Label>;
  /** A text field chosen from a list instead of typed: "bundle" is another bundle of the workspace, by name. */
  "x-pick"?: "bundle";
  /** A secret connection field: accepted, never returned. */
  writeOnly?: boolean;
  "x-secret"?: boolean;
  /** Kept up to date by the connector itself (e.g. a token's expiry); not for people to fill. */
  readOnly?: boolean;
}

export interface CatalogueTrigger {
  event: string;
  label: Label;
  help: Label;
  kind: TriggerDeclaration["kind"];
  needs_connection: boolean;
  options: JsonSchema | null;
  output: JsonSchema | null;
}

export interface CatalogueAction {
  action: string;
  label: Label;
  help: Label;
  input: JsonSchema;
  output: JsonSchema;
  supports_dedup: boolean;
  /** Match key → input field, for the dedup settings. */
  dedup_keys: Record<string, string> | null;
}

export interface CatalogueApp {
  app: string;
  label: Label;
  help: Label;
  /** null: the app needs no connection (webhook, http, schedule…). */
  connection: { schema: JsonSchema; secret: string[]; managed: string[] } | null;
  /** Present when the app can be connected with the OAuth authorization-code flow: the fields to fill before the redirect. */
  oauth?: { fields: string[] };
  triggers: CatalogueTrigger[];
  actions: CatalogueAction[];
}

export interface Catalogue {
  apps: CatalogueApp[];
}
