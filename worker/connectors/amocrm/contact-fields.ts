// Phones and emails of an amoCRM contact live in `custom_fields_values` (which may be null),
// as multitext fields with field_code PHONE / EMAIL. Values carry `enum_code`, or `enum` in
// one documented example: both are read.

export interface AmoFieldValue {
  value?: unknown;
  enum_id?: number;
  enum_code?: string;
  enum?: string;
}

export interface AmoCustomField {
  field_id?: number;
  field_code?: string | null;
  field_name?: string;
  values?: AmoFieldValue[];
}

export interface AmoContact {
  id: number;
  name?: string;
  first_name?: string;
  last_name?: string;
  /** null when the contact has no custom field values. */
  custom_fields_values?: AmoCustomField[] | null;
  [key: string]: unknown;
}

export type MultitextCode = "PHONE" | "EMAIL";

/** The default enum for a value this connector adds; existing values keep theirs. */
const DEFAULT_ENUM: Record<MultitextCode, string> = { PHONE: "WORK", EMAIL: "WORK" };

/** The last 10 digits: +7 912… = 8 912…, +380 67… = 067… (country prefixes written or not). */
export function normalisePhone(phone: string): string {
  return phone.replace(/\D/g, "").slice(-10);
}

/** Digits with phone punctuation only (+, spaces, brackets, dashes), at least 7 digits. */
export function looksLikePhone(text: string): boolean {
  return /^[\d\s+()\-.]+$/.test(text.trim()) && text.replace(/\D/g, "").length >= 7;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const NORMALISE: Record<MultitextCode, (value: string) => string> = { PHONE: normalisePhone, EMAIL: normaliseEmail };

function fieldOf(contact: AmoContact, code: MultitextCode): AmoCustomField | undefined {
  return (contact.custom_fields_values ?? []).find((field) => field.field_code === code);
}

/** The contact's values of one multitext field, as strings (empty when there are none). */
export function multitextValues(contact: AmoContact, code: MultitextCode): string[] {
  return (fieldOf(contact, code)?.values ?? []).map((entry) => String(entry.value ?? "")).filter(Boolean);
}

export function hasValue(contact: AmoContact, code: MultitextCode, wanted: string): boolean {
  const normalise = NORMALISE[code];
  const target = normalise(wanted);
  return target !== "" && multitextValues(contact, code).some((value) => normalise(value) === target);
}

/** A request field with one new value, for a contact that is being created. */
export function newMultitext(code: MultitextCode, value: string) {
  // Form values arrive padded ("  ANNA@MAIL.RU "): the CRM gets them trimmed.
  return { field_code: code, values: [{ value: value.trim(), enum_code: DEFAULT_ENUM[code] }] };
}

/**
 * The existing values of the field plus the new one if it is not there yet (after
 * normalisation). Sending only the new value would replace the existing ones [unc, but
 * likely], so the whole list goes back; `enum` is sent back as `enum_code`.
 */
export function mergedMultitext(contact: AmoContact, code: MultitextCode, value: string) {
  const existing = (fieldOf(contact, code)?.values ?? []).map((entry) => {
    const enumCode = entry.enum_code ?? entry.enum;
    const value = String(entry.value ?? "");
    if (enumCode) return { value, enum_code: enumCode };
    return entry.enum_id === undefined ? { value } : { value, enum_id: entry.enum_id };
  });
  if (hasValue(contact, code, value)) return undefined;
  return { field_code: code, values: [...existing, { value: value.trim(), enum_code: DEFAULT_ENUM[code] }] };
}
