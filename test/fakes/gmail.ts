// A double of the Gmail API's send (gmail.fake): POST /gmail/v1/users/me/messages/send with
// {raw} and a Bearer token issued by the Google OAuth double (scope gmail.send or wider). It
// decodes `raw` the way Gmail must — base64url, an RFC 2822 message, RFC 2047 headers, base64
// or quoted-printable parts — and keeps what it understood, so tests can read the decoded
// subject and bodies. 401/403/400 in Google's `{error:{code, message, status}}` shape.
import { Hono, type Context } from "hono";
import { fromBase64Url } from "../../worker/bytes/base64url.ts";
import { withAdmin } from "./admin.ts";
import { googleTokenValid } from "./google-oauth.ts";

const SEND_SCOPES = ["https://www.googleapis.com/auth/gmail.send", "https://www.googleapis.com/auth/gmail.compose", "https://www.googleapis.com/auth/gmail.modify", "https://mail.google.com/"];
const READ_SCOPES = ["https://www.googleapis.com/auth/gmail.readonly", "https://www.googleapis.com/auth/gmail.metadata", "https://www.googleapis.com/auth/gmail.modify", "https://mail.google.com/"];

export interface ReceivedEmail {
  id: string;
  threadId: string;
  raw: string;
  /** Whether `raw` had `=` padding or `+`/`/` (plain base64): Gmail wants base64url. */
  padded: boolean;
  urlSafe: boolean;
  crlf: boolean;
  /** Decoded header values by lower-case name (RFC 2047 words decoded). */
  headers: Record<string, string>;
  /** Raw header values as sent (still encoded). */
  rawHeaders: Record<string, string>;
  subject: string;
  text?: string;
  html?: string;
}

let messages: ReceivedEmail[] = [];
let counter = 0;

const googleError = (c: Context, code: number, message: string, status: string) => c.json({ error: { code, message, status } }, code as 400);

export const gmailFake = new Hono();

withAdmin(gmailFake, {
  state: () => ({ messages }),
  reset() {
    messages = [];
  },
  failure: (c, status, body) => (body ? c.json(body, status as 500) : googleError(c, status, `Injected ${status}`, status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL")),
});

function authorise(c: Context, scopes: string[]): Response | undefined {
  const check = googleTokenValid(c.req.header("authorization"), scopes);
  if (check === "invalid") return googleError(c, 401, "Request had invalid authentication credentials. Expected OAuth 2 access token.", "UNAUTHENTICATED");
  if (check === "scope") return googleError(c, 403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
  return undefined;
}

gmailFake.get("/gmail/v1/users/me/profile", (c) => authorise(c, READ_SCOPES) ?? c.json({ emailAddress: "me@fake.test", messagesTotal: messages.length, threadsTotal: messages.length, historyId: "1" }));

gmailFake.post("/gmail/v1/users/me/messages/send", async (c) => {
  const denied = authorise(c, SEND_SCOPES);
  if (denied) return denied;
  const body = (await c.req.json().catch(() => ({}))) as { raw?: string; threadId?: string };
  if (typeof body.raw !== "string" || !body.raw) return googleError(c, 400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required", "INVALID_ARGUMENT");
  let mime: string;
  try {
    mime = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(fromBase64Url(body.raw));
  } catch {
    return googleError(c, 400, "Invalid value for ByteString: raw is not base64url", "INVALID_ARGUMENT");
  }
  const parsed = parseMessage(mime);
  if (!parsed.headers.to && !parsed.headers.cc && !parsed.headers.bcc) return googleError(c, 400, "Invalid To header", "INVALID_ARGUMENT");
  const id = `18c${(++counter).toString(16).padStart(13, "0")}`;
  const email: ReceivedEmail = {
    id,
    threadId: body.threadId ?? id,
    raw: body.raw,
    padded: body.raw.endsWith("="),
    urlSafe: !/[+/]/.test(body.raw),
    crlf: !/[^\r]\n/.test(mime),
    ...parsed,
    subject: parsed.headers.subject ?? "",
  };
  messages.push(email);
  return c.json({ id: email.id, threadId: email.threadId, labelIds: ["SENT"] });
});

/** Headers (unfolded, decoded) and the text/html bodies of a MIME message. */
export function parseMessage(mime: string): Pick<ReceivedEmail, "headers" | "rawHeaders" | "text" | "html"> {
  const { headers, rawHeaders, body } = splitEntity(mime);
  const out: Pick<ReceivedEmail, "headers" | "rawHeaders" | "text" | "html"> = { headers, rawHeaders };
  const collect = (entity: { headers: Record<string, string>; body: string }) => {
    const type = entity.headers["content-type"] ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      const parts = entity.body.split(`--${boundary}`).slice(1);
      for (const part of parts) {
        if (part.startsWith("--")) break;
        collect(splitEntity(part.replace(/^\r?\n/, "")));
      }
      return;
    }
    const text = decodeBody(entity.body, entity.headers["content-transfer-encoding"] ?? "7bit");
    if (/^text\/html/i.test(type)) out.html = text;
    else if (/^text\/plain/i.test(type)) out.text = text;
  };
  collect({ headers, body });
  return out;
}

function splitEntity(entity: string) {
  const at = entity.search(/\r?\n\r?\n/);
  const head = at < 0 ? entity : entity.slice(0, at);
  const body = at < 0 ? "" : entity.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  const rawHeaders: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    rawHeaders[name] = value;
    headers[name] = decodeWords(value);
  }
  return { headers, rawHeaders, body };
}

/** RFC 2047: =?charset?B|Q?text?= words; whitespace between adjacent words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bq]\?[^?]*\?=)\s+(?==\?)/gi, "$1")
    .replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=/gi, (_, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === "B" ? fromBase64Url(text) : qpBytes(text.replace(/_/g, " "));
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

function decodeBody(body: string, encoding: string): string {
  const trimmed = body.replace(/\r?\n$/, "");
  if (/base64/i.test(encoding)) return new TextDecoder().decode(fromBase64Url(trimmed.replace(/\s+/g, "")));
  if (/quoted-printable/i.test(encoding)) return new TextDecoder().decode(qpBytes(trimmed.replace(/=\r?\n/g, "")));
  return trimmed;
}

function qpBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(text[i]));
  }
  return new Uint8Array(bytes);
}
