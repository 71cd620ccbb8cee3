// An RFC 2822 / MIME message for Gmail's `raw`: CRLF lines, non-ASCII header text as RFC 2047
// encoded-words (UTF-8, base64, ≤ 75 characters each, folded), bodies in base64, a
// multipart/alternative when there is both a text and an HTML body. Header values never carry
// CR or LF, so a template cannot inject headers.
import { bytesToBase64 } from "../../bytes/base64";
import { toBase64Url } from "../../bytes/base64url";

export interface Email {
  from?: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
}

const CRLF = "\r\n";

export function buildMime(email: Email, boundary = `=_svyazka_${crypto.randomUUID().replace(/-/g, "")}`): string {
  const headers: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) headers.push(`${name}: ${value}`);
  };
  add("From", email.from ? formatAddress(email.from) : undefined);
  add("To", email.to.map(formatAddress).join(", "));
  add("Cc", email.cc?.map(formatAddress).join(", "));
  add("Bcc", email.bcc?.map(formatAddress).join(", "));
  add("Reply-To", email.replyTo ? formatAddress(email.replyTo) : undefined);
  add("Subject", encodeHeaderText(email.subject));
  add("MIME-Version", "1.0");
  const parts = [
    email.text !== undefined ? bodyPart("text/plain", email.text) : undefined,
    email.html !== undefined ? bodyPart("text/html", email.html) : undefined,
  ].filter((p) => p !== undefined);
  if (parts.length === 0) parts.push(bodyPart("text/plain", ""));
  if (parts.length === 1) return [...headers, parts[0]].join(CRLF);
  headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
  return [...headers, "", ...parts.flatMap((p) => [`--${boundary}`, p]), `--${boundary}--`, ""].join(CRLF);
}

/** Gmail's `raw`: the message in base64url without padding. */
export function rawMessage(mime: string): string {
  return toBase64Url(mime);
}

function bodyPart(type: string, content: string): string {
  const base64 = bytesToBase64(new TextEncoder().encode(content.replace(/\r?\n/g, CRLF)));
  const lines = base64.match(/.{1,76}/g) ?? [""];
  return [`Content-Type: ${type}; charset="UTF-8"`, "Content-Transfer-Encoding: base64", "", ...lines].join(CRLF);
}

/** Header text as is when plain ASCII, else as folded RFC 2047 encoded-words. */
export function encodeHeaderText(text: string): string {
  const clean = singleLine(text);
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = "";
  const encoder = new TextEncoder();
  for (const char of clean) {
    // 45 bytes of UTF-8 → 60 base64 characters → 72 with =?UTF-8?B? and ?=.
    if (encoder.encode(chunk + char).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${bytesToBase64(encoder.encode(w))}?=`).join(`${CRLF} `);
}

/** "Иван Петров <ivan@x.ru>" with the display name encoded; a bare address as is. */
export function formatAddress(address: string): string {
  const clean = singleLine(address).trim();
  const match = /^(.*?)\s*<([^<>]+)>$/.exec(clean);
  if (!match || !match[1]) return match ? `<${match[2]}>` : clean;
  const name = match[1].replace(/^"(.*)"$/, "$1");
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}"` : encodeHeaderText(name);
  return `${display} <${match[2]}>`;
}

/** Splits "a@x.ru, Иван <b@y.ru>; c@z.ru" into addresses (commas inside quotes kept). */
export function splitAddresses(list: string | string[] | undefined): string[] {
  if (list === undefined) return [];
  const text = Array.isArray(list) ? list.join(",") : list;
  return (text.match(/(?:"[^"]*"|[^,;])+/g) ?? []).map((a) => a.trim()).filter(Boolean);
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}
