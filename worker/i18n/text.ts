// A message in every language the API speaks. English is the default and what logs, tests
// and the spec's examples show; the response picks one by the request's language.
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

export interface Text {
  en: string;
  ru: string;
}

/** A plain string is English only (e.g. from code that is not translated yet): every language gets it. */
export function inLocale(message: string | Text, locale: Locale): string {
  return typeof message === "string" ? message : message[locale];
}

/** An error whose message is a pair: `message` is its English (logs, stored texts), `text` every language. */
export class TextError extends Error {
  constructor(readonly text: string | Text) {
    super(inLocale(text, "en"));
  }
}
