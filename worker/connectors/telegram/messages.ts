// Pure helpers for Telegram text: splitting long messages and reading `/start <code>` links.
import { randomBase64Url } from "../../bytes/random";
import { pathSegment } from "../path-segment";
import { TELEGRAM_MAX_TEXT } from "./client";

/**
 * Splits text into messages of at most `limit` characters, at a line break when there is one
 * in the second half of the window, else at a space, else (one very long word) at the limit,
 * never inside a surrogate pair. Nothing is cut off; only the whitespace at a split is dropped.
 * With parse_mode a split can still fall inside an entity (<b>…</b>), which Telegram refuses.
 */
export function splitMessage(text: string, limit = TELEGRAM_MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const at = (sep: RegExp, from: number) => {
      for (let i = limit; i >= from; i--) if (sep.test(window[i])) return i;
      return -1;
    };
    let cut = at(/\n/, limit / 2);
    if (cut < 0) cut = at(/[ \t]/, limit / 2);
    if (cut < 0) cut = at(/\n/, 1);
    if (cut < 0) cut = at(/\s/, 1);
    if (cut > 0) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      const high = rest.charCodeAt(limit - 1);
      const end = high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
      parts.push(rest.slice(0, end));
      rest = rest.slice(end);
    }
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

export interface StartCommand {
  chatId: number;
  /** The deep-link payload ("" for a plain /start). */
  payload: string;
  userId?: number;
  username?: string;
}

const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The chat and payload of a `/start <payload>` message (what a t.me/<bot>?start=<payload> link
 * sends), from a webhook or getUpdates update; undefined for any other update.
 */
export function parseStartCommand(update: unknown): StartCommand | undefined {
  const message = (update as { message?: any } | null)?.message;
  const text: unknown = message?.text;
  if (typeof text !== "string" || typeof message?.chat?.id !== "number") return undefined;
  const match = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(text.trim());
  if (!match) return undefined;
  const payload = match[1] ?? "";
  if (payload && !PAYLOAD.test(payload)) return undefined;
  return { chatId: message.chat.id, payload, userId: message.from?.id, username: message.from?.username };
}

/** The deep link that makes Telegram send `/start <payload>` to the bot. */
export function startLink(botUsername: string, payload: string): string {
  if (!PAYLOAD.test(payload)) throw new Error("A /start payload is 1–64 characters of A-Z, a-z, 0-9, _ and -.");
  return `https://t.me/${pathSegment(botUsername.replace(/^@/, ""))}?start=${payload}`;
}

/** A fresh one-time linking code that fits the payload rules (32 base64url characters). */
export function newLinkCode(): string {
  return randomBase64Url(24);
}
