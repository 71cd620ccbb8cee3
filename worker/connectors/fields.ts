// Helpers for declaring fields: bilingual labels and help texts travel in zod metadata, so
// the catalogue's JSON Schema carries them (`title`/`description` in English, `x-label` and
// `x-help` with en and ru) and the dashboard builds forms without connector-specific code.
import { z } from "zod";
import { issueInRussian } from "../i18n/zod-issue";
import { ConnectorError, type ActionDeclaration, type ConnectorDeclaration, type Label } from "./types";

export const t = (en: string, ru: string): Label => ({ en, ru });

/** The schema with its label (and help) attached as metadata. */
export function field<T extends z.ZodType>(schema: T, label: Label, help?: Label): T {
  return schema.meta({ title: label.en, "x-label": label, ...(help ? { description: help.en, "x-help": help } : {}) }) as T;
}

/** An enum whose values are shown by their labels (`x-choices`), not as the raw value. */
export function choices<T extends z.ZodType>(schema: T, labels: Record<string, Label>): T {
  return schema.meta({ ...schema.meta(), "x-choices": labels }) as T;
}

/**
 * A text field holding the id of another bundle of the workspace (`x-pick: "bundle"`): the
 * editor offers the bundles by name instead of a box to paste an id into.
 */
export function bundlePick<T extends z.ZodType>(schema: T): T {
  return schema.meta({ ...schema.meta(), "x-pick": "bundle" }) as T;
}

export const text = (label: Label, help?: Label) => field(z.string(), label, help);

/**
 * The schema, with "" and null read as absent: form fields left empty arrive as "", a mapping
 * of a missing value as null. Stricter than `isBlank` (spaces are a value here), as the CRMs
 * have always parsed their inputs.
 */
export const emptyAsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema);

/** An optional text field that an empty form field leaves out. */
export const optionalText = (label: Label, help?: Label) => field(emptyAsAbsent(z.string().optional()), label, help);

/** The optional `base_url` every connection takes (self-hosted server, account domain, test double). */
export const baseUrl = (defaultUrl: string | undefined, help: Label) =>
  field(z.url({ protocol: /^https?$/ }).optional(), t("Base URL", "Базовый URL"), help).meta(defaultUrl ? { default: defaultUrl } : {});

/** The input fields declared as URLs (`z.url()`): templates in them are rendered as URLs (flow/template.ts). */
export function urlFields(input: z.ZodObject): ReadonlySet<string> {
  const isUrl = (schema: z.ZodType): boolean =>
    schema instanceof z.ZodURL || ((schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) && isUrl(schema.unwrap() as z.ZodType));
  return new Set(Object.keys(input.shape).filter((key) => isUrl(input.shape[key])));
}

/** A value the user left empty (templates render missing values as ""). */
export function isBlank(value: unknown): value is undefined | null | "" {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** The stored connection fields checked against the declaration (defaults applied). */
export function readConnection<S extends z.ZodType>(schema: S, raw: unknown, service: string): z.infer<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  const whereRu = issue.path.length ? `поле «${issue.path.join(".")}»: ` : "";
  throw new ConnectorError(
    { en: `The ${service} connection is incomplete or wrong: ${where}${issue.message}`, ru: `Подключение ${service} заполнено не полностью или неверно: ${whereRu}${issueInRussian(issue)}` },
    { code: "connection_invalid" },
  );
}

/** Identity helpers that keep the input/output types of one declaration tied together. */
export function defineAction<I extends z.ZodObject, O extends z.ZodObject, C>(action: ActionDeclaration<I, O, C>) {
  return action;
}

export function defineConnector<C extends z.ZodObject>(connector: ConnectorDeclaration<C>) {
  return connector;
}
