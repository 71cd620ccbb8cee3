// The API's languages (decision 0017): messages are { en, ru } pairs, chosen per request from
// Accept-Language where the error response is written. worker/flow imports the leaf files
// directly, since the dashboard bundles it without hono.
export { LOCALES, inLocale, type Locale, type Text } from "./text";
export { detectLocale, localeOf } from "./locale";
export { issueInRussian } from "./zod-issue";
export { readText, storeText, storedText, wrapText } from "./stored-text";
