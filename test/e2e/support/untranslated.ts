// What on a page in Russian is English left untranslated: the Latin words of its visible text,
// less what is rightly not Russian — the names of the product, services, protocols and formats,
// the data the test made (names, emails, ids), addresses, template variables and ids.
// Pure, so a unit test shows it does flag English (test/unit/web/untranslated-words.test.ts).

/** Names that read the same in Russian: the product, the services, protocols, formats, headers. */
export const SAME_IN_RUSSIAN: ReadonlySet<string> = new Set([
  "Svyazka",
  "Telegram",
  "Bot",
  "amoCRM",
  "CRM",
  "Google",
  "Gmail",
  "VK",
  "KeepinCRM",
  "HTTP",
  "HTTPS",
  "API",
  "JSON",
  "URL",
  "ID",
  "OAuth",
  "email",
  "Email",
  "cron",
  "IANA",
  "HTML",
  "Markdown",
  "MarkdownV2",
  "Content-Type",
  "Idempotency-Key",
  "Retry-After",
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "Start",
  "BotFather",
  "iframe",
]);

/** Addresses and emails: taken out before the user's data, which may be part of one. */
const ADDRESSES = [/\bhttps?:\/\/\S+/g, /\S+@\S+/g];

/**
 * `{{templates}}`; tokens holding a digit or `_` (ids); a `.`, `/` or `:` between letters
 * (hosts, field paths; a sentence's own full stop stays); IANA time zones ("America/Buenos
 * Aires"); quoted values and ids («ok», «conn»); country codes ("Австрия (AT)"); the Latin half
 * of a Russian compound («.json-файл»).
 */
const NOT_WORDS = [
  /\{\{[^}]*\}\}/g,
  /\S*[\d_]\S*/g,
  /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/.*$/gm,
  /\S*\w[./:]\w\S*/g,
  /«[^»\n]*»/g,
  /\([A-Z]{2}\)/g,
  /[A-Za-z]+-(?=[А-Яа-яЁё])/g,
];

/**
 * The English words of `text` (each once, in order), leaving out the names above, what is not
 * words, and every phrase of `userData` (what the test typed or created, shown as written).
 */
export function untranslatedWords(text: string, userData: readonly string[] = []): string[] {
  let rest = text;
  for (const pattern of ADDRESSES) rest = rest.replace(pattern, " ");
  for (const phrase of [...userData].sort((a, b) => b.length - a.length)) if (phrase) rest = rest.split(phrase).join(" ");
  for (const pattern of NOT_WORDS) rest = rest.replace(pattern, " ");
  const words = rest.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  return [...new Set(words.filter((word) => !SAME_IN_RUSSIAN.has(word.replace(/[-'’]+$/, ""))))];
}
