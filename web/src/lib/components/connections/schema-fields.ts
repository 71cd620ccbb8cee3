// Turns a connector's declared connection fields (JSON Schema from GET /apps) into form fields
// and the form's values back into the API's `fields`: one generic form for every connector.
import type { CatalogueApp, JsonSchema, Label } from "#lib/api/types.ts";
import { i18n } from "#lib/i18n/index.svelte.ts";

export type FieldKind = "text" | "secret" | "number" | "boolean" | "select";
export type FieldValue = string | boolean;

export interface FormField {
  name: string;
  kind: FieldKind;
  schema: JsonSchema;
  required: boolean;
  /** For `select`: the allowed values. */
  options: string[];
}

/** A declared label in the dashboard's language; the field name, readable, when none is declared. */
export function inLocale(label: Label | undefined, fallback: string): string {
  return label?.[i18n.locale] || label?.en || fallback.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export const fieldLabel = (f: FormField) => inLocale(f.schema["x-label"], f.name);
export const fieldHelp = (f: FormField) => (f.schema["x-help"] ? inLocale(f.schema["x-help"], "") : f.schema.description ?? "");

function kindOf(schema: JsonSchema, secret: boolean): FieldKind {
  if (secret || schema.writeOnly) return "secret";
  if (schema.enum) return "select";
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("string")) return "text";
  if (types.includes("boolean")) return "boolean";
  if (types.includes("number") || types.includes("integer")) return "number";
  return "text";
}

/** The fields people fill: everything declared except what the connector maintains itself. */
export function formFields(app: CatalogueApp, only?: readonly string[]): FormField[] {
  const declared = app.connection;
  if (!declared) return [];
  const required = new Set(declared.schema.required ?? []);
  return Object.entries(declared.schema.properties ?? {})
    .filter(([name, schema]) => !schema.readOnly && !declared.managed.includes(name) && (!only || only.includes(name)))
    .map(([name, schema]) => ({
      name,
      schema,
      kind: kindOf(schema, declared.secret.includes(name)),
      required: required.has(name),
      options: (schema.enum ?? []).map(String)
    }));
}

/** Initial form values: the connection's visible fields (secrets are never sent back, so blank). */
export function initialValues(fields: FormField[], current: Record<string, unknown> = {}): Record<string, FieldValue> {
  return Object.fromEntries(
    fields.map((f) => {
      const value = current[f.name];
      if (f.kind === "boolean") return [f.name, value === true];
      return [f.name, f.kind === "secret" || value === undefined || value === null ? "" : String(value)];
    })
  );
}

/**
 * The API's `fields`: blank values are left out (an optional field stays unset; a secret keeps
 * its saved value), numbers are sent as numbers.
 */
export function fieldsToSend(fields: FormField[], values: Record<string, FieldValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = values[f.name];
    if (f.kind === "boolean") {
      if (value) out[f.name] = true;
      continue;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "") continue;
    out[f.name] = f.kind === "number" && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return out;
}

/** Where the API puts an error about a field ("/fields/bot_token" → "fields.bot_token"). */
export const errorKey = (name: string) => `fields.${name}`;
