// Texts written at run time and read later — run errors, step notes and errors, audit details —
// are kept in every language the API speaks and shown in the reader's (decision 0030). A pair
// sits in a text column as JSON {"en","ru"}; a plain string (older rows, or words with nothing
// to translate) is shown as it is. A JSON column (step notes) holds the pair as an object.
import type { Locale, Text } from "./text";

/** What a text column keeps for a message. */
export function storeText(text: string | Text): string {
  return typeof text === "string" ? text : JSON.stringify({ en: text.en, ru: text.ru });
}

/** A stored value (a text column's string, or an item of a JSON column) as a message. */
export function storedText(stored: unknown): string | Text {
  if (isText(stored)) return stored;
  if (typeof stored !== "string") return stored === null || stored === undefined ? "" : JSON.stringify(stored);
  if (!stored.startsWith('{"en":')) return stored;
  try {
    const parsed: unknown = JSON.parse(stored);
    return isText(parsed) ? parsed : stored;
  } catch {
    return stored;
  }
}

/** A stored message in the reader's language. */
export function readText(stored: unknown, locale: Locale): string {
  const text = storedText(stored);
  return typeof text === "string" ? text : text[locale];
}

/** The same words around a message in each language: `Step "x" failed: …` / `Шаг «x» …`. */
export function wrapText(inner: string | Text, wrap: (inner: string, locale: Locale) => string): Text {
  return { en: wrap(typeof inner === "string" ? inner : inner.en, "en"), ru: wrap(typeof inner === "string" ? inner : inner.ru, "ru") };
}

function isText(value: unknown): value is Text {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 2 &&
    typeof (value as Text).en === "string" &&
    typeof (value as Text).ru === "string"
  );
}
