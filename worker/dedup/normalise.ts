// Match values compare in one form: phones in E.164 (libphonenumber-js, with the workspace's
// default country for numbers written without one), emails trimmed and lower-cased.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

export type MatchKind = "phone" | "email" | "text";

export function normalisePhone(value: string, defaultCountry = "RU"): string {
  const parsed = parsePhoneNumberFromString(value.trim(), defaultCountry as CountryCode);
  if (parsed?.isValid()) return parsed.number;
  // Not a number libphonenumber recognises: keep its digits, so equal writings still match.
  const digits = value.replace(/\D/g, "");
  return digits ? `+${digits}` : "";
}

export function normalise(kind: MatchKind, value: unknown, defaultCountry: string): string {
  const text = value === undefined || value === null ? "" : String(value).trim();
  if (!text) return "";
  if (kind === "phone") return normalisePhone(text, defaultCountry);
  if (kind === "email") return text.toLowerCase();
  return text;
}
