// The current language and the t() lookup. The choice is remembered in localStorage; the first
// visit follows the browser's language. Reading `i18n.locale` inside a component makes it reactive.
import { en, type MessageKey, type Messages } from "./en.ts";
import { ru } from "./ru.ts";

export const locales = ["en", "ru"] as const;
export type Locale = (typeof locales)[number];

const catalogs: Record<Locale, Messages> = { en, ru };
const storageKey = "svyazka.locale";

function isLocale(value: unknown): value is Locale {
  return locales.includes(value as Locale);
}

function initialLocale(): Locale {
  if (typeof window === "undefined") return "en"; // the build renders the fallback page on the server
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be unavailable (privacy mode); fall through to the browser language
  }
  return navigator.language?.toLowerCase().startsWith("ru") ? "ru" : "en";
}

const startLocale = initialLocale();
let current = $state<Locale>(startLocale);
if (typeof document !== "undefined") document.documentElement.lang = startLocale;

export const i18n = {
  get locale(): Locale {
    return current;
  },
  set locale(next: Locale) {
    current = next;
    document.documentElement.lang = next;
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // not remembered, but the switch still applies to this tab
    }
  }
};

/** The message for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs[current][key] ?? en[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole
  );
}

/** Nouns counted in the catalogues: each has a message per plural category ("count.fields.few"). */
type Counted = MessageKey extends infer K ? (K extends `count.${infer Noun}.other` ? Noun : never) : never;

/**
 * "1 field" / "5 fields", «1 поле» / «2 поля» / «5 полей»: the form Intl.PluralRules picks for
 * `count` in the current language.
 */
export function tCount(noun: Counted, count: number): string {
  const category = new Intl.PluralRules(current).select(count);
  const key = `count.${noun}.${category}` as MessageKey;
  return t(key in en ? key : (`count.${noun}.other` as MessageKey), { count });
}

/** A date (ISO string or epoch milliseconds) in the current language, e.g. "5 Mar 2026, 14:02". */
export function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(current, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export type { MessageKey };
