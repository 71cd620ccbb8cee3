// The language of one request's messages: Accept-Language, weighed by q, first one we speak;
// `ru`/`ru-RU`… → Russian, anything else or nothing → English. Nothing is stored (no cookie).
import type { Context, MiddlewareHandler } from "hono";
import { languageDetector } from "hono/language";
import { LOCALES, type Locale } from "./text";

export const detectLocale: MiddlewareHandler = languageDetector({
  order: ["header"],
  caches: false,
  supportedLanguages: [...LOCALES],
  fallbackLanguage: "en",
});

/** Requests that never passed `detectLocale` (public webhooks) get English. */
export function localeOf(c: Context): Locale {
  return c.get("language") === "ru" ? "ru" : "en";
}
