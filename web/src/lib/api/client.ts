// The one fetch wrapper behind every API call: same-origin cookie, JSON in and out, errors
// thrown as ApiError, and a 401 (session gone) sends the user to the login page. The chosen UI
// language goes along as Accept-Language, so the API's messages come back in it.
import { goto } from "$app/navigation";
import { resolve } from "$app/paths";
import { i18n } from "#lib/i18n/index.svelte.ts";
import { ApiError, pathToString, type ErrorDetail } from "./error.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  body?: unknown;
  /** Let the caller handle 401 itself (login form, the start page deciding where to go). */
  allowUnauthorized?: boolean;
  /** The fetch to use; load functions pass theirs. */
  fetch?: typeof fetch;
  /** Sees the headers of a successful response (e.g. a 204's Svyazka-Warning). */
  onHeaders?: (headers: Headers) => void;
  /** Names the request, so sending it again starts nothing new (requests that start runs). */
  idempotencyKey?: string;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`/api/v1${path}`, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        "accept-language": i18n.locale,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {})
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body)
    });
  } catch {
    throw new ApiError(0, "network_error", "");
  }

  if (response.ok) {
    options.onHeaders?.(response.headers);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await readError(response);
  if (response.status === 401 && !options.allowUnauthorized) {
    void goto(resolve("/login"));
  }
  throw error;
}

/** Every problem of a rejected bundle, with its JSON pointer kept as sent (the editor maps it). */
function readDetails(details: unknown): ErrorDetail[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is ErrorDetail => typeof d?.code === "string" && typeof d?.message === "string" && typeof d?.path === "string"
  );
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = await response.json();
    const e = body?.error;
    if (e && typeof e.code === "string") {
      return new ApiError(response.status, e.code, String(e.message ?? ""), pathToString(e.path), readDetails(e.details));
    }
  } catch {
    // not JSON (a proxy error page, say): fall through to a generic error
  }
  return new ApiError(response.status, `http_${response.status}`, "");
}
