// The connector catalogue (GET /apps) and connections, as the dashboard sees them.
import type { Timestamp } from "./types.ts";

/** A text in both dashboard languages, as the connector declarations carry it. */
export interface Label {
  en: string;
  ru: string;
}

/** One property of a connection's JSON Schema, with the catalogue's label extensions. */
export interface FieldSchema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  title?: string;
  description?: string;
  "x-label"?: Label;
  "x-help"?: Label;
  /** A secret: accepted, never returned. */
  writeOnly?: boolean;
  /** Kept up to date by the connector itself (e.g. a token's expiry); not for people to fill. */
  readOnly?: boolean;
}

export interface CatalogueApp {
  app: string;
  label: Label;
  help: Label;
  /** null: the app needs no connection. */
  connection: {
    schema: { type: "object"; properties?: Record<string, FieldSchema>; required?: string[] };
    secret: string[];
    managed: string[];
  } | null;
  /** Apps that can connect by signing in (OAuth): the fields to fill before the redirect. */
  oauth?: { fields: string[] };
}

export type ConnectionStatus = "untested" | "active" | "inactive";

export interface Connection {
  id: string;
  app: string;
  name: string;
  /** Non-secret fields only. */
  fields: Record<string, unknown>;
  /** Names of the secret fields that have a value. */
  secret_fields_set: string[];
  status: ConnectionStatus;
  status_reason: string | null;
  tested_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ConnectionTestResult {
  ok: boolean;
  error?: string;
}

export interface TelegramLink {
  url: string;
  code: string;
  expires_at: Timestamp;
}
