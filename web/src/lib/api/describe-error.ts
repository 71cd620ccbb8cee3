// Turns a thrown error into words for the user, and routes field errors to their form field.
import { t } from "../i18n/index.svelte.ts";
import { ApiError } from "./error.ts";

/** A message the user can act on: the API's own message, or a translated generic one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "network_error") return t("error.network");
    if (error.message) return error.message;
  }
  return t("error.generic");
}

export interface FormErrors {
  /** Messages keyed by form field name. */
  fields: Record<string, string>;
  /** A message for the top of the form, when the error names no field of this form. */
  form: string;
}

/** Puts an error next to the field its `path` names when the form has that field, else on top. */
export function formErrors(error: unknown, fieldNames: readonly string[]): FormErrors {
  const message = describeError(error);
  if (error instanceof ApiError && error.path) {
    const field = fieldNames.find((name) => error.path === name || error.path!.startsWith(`${name}.`));
    if (field) return { fields: { [field]: withoutFieldName(message, error.path) }, form: "" };
  }
  return { fields: {}, form: message };
}

export const noFormErrors: FormErrors = { fields: {}, form: "" };

/**
 * A message shown at its field need not name the field: "password: Use at least 8 characters."
 * reads "Use at least 8 characters." there (and «Поле «password»: …» likewise).
 */
function withoutFieldName(message: string, path: string): string {
  const field = path.replaceAll(".", "/");
  for (const prefix of [`${field}: `, `Поле «${field}»: `]) {
    if (message.startsWith(prefix) && message.length > prefix.length) {
      const rest = message.slice(prefix.length);
      return rest[0].toLocaleUpperCase() + rest.slice(1);
    }
  }
  return message;
}
