// A problem found in a bundle document: a stable code, a message a non-programmer can act
// on, and the JSON pointer (RFC 6901) of the offending field so the dashboard can mark it.
import type { Text } from "../i18n/text";

export interface FlowError {
  code: string;
  /** English; `ru` says the same in Russian (the API and the dashboard pick by language). */
  message: string;
  path: string;
  ru: string;
}

export type PathSegment = string | number;

/** Builds a JSON pointer from path segments, escaping "~" and "/" as RFC 6901 requires. */
export function pointer(segments: readonly PathSegment[]): string {
  return segments.map((s) => "/" + String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

export function flowError(code: string, path: readonly PathSegment[], message: Text): FlowError {
  return { code, message: message.en, path: pointer(path), ru: message.ru };
}
