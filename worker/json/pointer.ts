// A path into a JSON document, as errors name the field they are about.

/** Joins zod issue path segments into a JSON pointer: ["steps", 2, "input"] → "/steps/2/input". */
export function jsonPointer(segments: readonly PropertyKey[]): string {
  return segments.map((s) => "/" + String(s).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}
