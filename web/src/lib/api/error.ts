// An API error as a value: a stable code, a message meant for the user, and the field it is about.

/** One of several problems the API reports at once (every validation error of a bundle). */
export interface ErrorDetail {
  code: string;
  message: string;
  /** A JSON pointer, e.g. "/steps/2/input/query". */
  path: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** The offending input field as a dotted path ("email", "steps.0.name"), or null. */
  readonly path: string | null;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, path: string | null = null, details: ErrorDetail[] = []) {
    super(message);
    this.details = details;
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.path = path;
  }
}

/**
 * Normalises the `path` of an error body to a dotted field path: the API sends JSON pointers
 * ("/steps/2/input" → "steps.2.input"); zod-style arrays are accepted too.
 */
export function pathToString(path: unknown): string | null {
  if (Array.isArray(path)) return path.length ? path.join(".") : null;
  if (typeof path !== "string" || path === "" || path === "/") return null;
  if (!path.startsWith("/")) return path;
  return path
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(".");
}
