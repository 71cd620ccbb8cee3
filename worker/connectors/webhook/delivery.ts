// What one webhook delivery gives the bundle (spec: webhook trigger `catch`): the parsed body
// — JSON object fields, form fields or multipart fields (files as {filename, type, size}) —
// plus `$query`, `$headers` (secret-looking ones redacted) and `$method`. A body that is not
// an object (a JSON array, plain text) is kept whole under `$body`.
import { redactHeaders } from "../../redaction/headers";

export async function webhookOutput(request: Request): Promise<Record<string, unknown>> {
  const url = new URL(request.url);
  const headers = redactHeaders(request.headers);
  return { ...(await parseBody(request)), $query: fieldsOf(url.searchParams), $headers: headers, $method: request.method };
}

async function parseBody(request: Request): Promise<Record<string, unknown>> {
  if (request.method === "GET" || request.method === "HEAD") return {};
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const bytes = await request.arrayBuffer();
  if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    // A broken form (no boundary, cut short) is kept as text below, like malformed JSON.
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData().catch(() => undefined);
    if (form) {
      const entries: Array<[string, unknown]> = [];
      form.forEach((value, name) => {
        entries.push([name, typeof value === "string" ? value : { filename: value.name, type: value.type, size: value.size }]);
      });
      return group(entries);
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) return {};
  if (type.includes("json") || /^\s*[[{]/.test(text)) {
    try {
      const json: unknown = JSON.parse(text);
      return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : { $body: json };
    } catch {
      // not JSON after all: kept as text below
    }
  }
  return { $body: text };
}

function fieldsOf(params: URLSearchParams): Record<string, unknown> {
  return group([...params.entries()]);
}

/** Repeated names become arrays, in order. */
function group(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const key = name.endsWith("[]") ? name.slice(0, -2) : name;
    if (!(key in out)) out[key] = name.endsWith("[]") ? [value] : value;
    else out[key] = Array.isArray(out[key]) ? [...(out[key] as unknown[]), value] : [out[key], value];
  }
  return out;
}
