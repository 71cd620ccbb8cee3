// Russian for the messages our zod schemas declare (their `message` / `error` option), keyed
// by the English text, so the schemas stay one-language and untouched. A test checks that every
// such message in worker/ has its line here.

/** The Russian of a message a schema declared, or undefined when it has none here. */
export function schemaMessageInRussian(english: string): string | undefined {
  if (Object.hasOwn(SCHEMA_MESSAGES_RU, english)) return SCHEMA_MESSAGES_RU[english];
  for (const [pattern, russian] of SCHEMA_MESSAGE_PATTERNS_RU) {
    const match = pattern.exec(english);
    if (match) return russian(...match.slice(1));
  }
  return undefined;
}

const SCHEMA_MESSAGES_RU: Readonly<Record<string, string>> = {
  // bundle/1 (worker/flow/bundle-schema.ts)
  "This field must not be empty.": "Это поле не может быть пустым.",
  "A group needs at least one condition.": "В группе нужно хотя бы одно условие.",
  "Unknown time zone; use a name like Europe/Moscow or UTC.": "Неизвестный часовой пояс; укажите название вроде Europe/Moscow или UTC.",
  "A router needs at least one route.": "Роутеру нужен хотя бы один маршрут.",
  "A bundle needs a name.": "Дайте связке название.",
  'A condition is {"left", "op", "right"}, or a group {"all": [...]}, {"any": [...]} or {"not": {...}}.': 'Условие — это {"left", "op", "right"} или группа {"all": [...]}, {"any": [...]} или {"not": {...}}.',
  'A time is written "HH:MM", e.g. "09:00".': "Время пишется как «ЧЧ:ММ», например «09:00».",
  'A cron expression has five fields, e.g. "*/15 * * * *".': "В выражении cron пять полей, например «*/15 * * * *».",
  'A schedule is {"every_minutes": 5}, {"at": ["09:00"], "timezone": "Europe/Moscow"} or {"cron": "*/15 * * * *"}.': 'Расписание — это {"every_minutes": 5}, {"at": ["09:00"], "timezone": "Europe/Moscow"} или {"cron": "*/15 * * * *"}.',
  // accounts, workspaces, keys, settings (worker/routes, worker/http/router.ts)
  "Enter a valid email address.": "Введите правильный адрес электронной почты.",
  "Use at least 8 characters.": "Нужно не меньше 8 символов.",
  "Name your workspace.": "Назовите рабочее пространство.",
  "Name the key.": "Назовите ключ.",
  "Name the connection.": "Назовите подключение.",
  "Use an IANA time zone such as Europe/Moscow.": "Укажите часовой пояс IANA, например Europe/Moscow.",
  "Use a two-letter country code such as RU.": "Укажите двухбуквенный код страны, например RU.",
  "Enter the chat ID.": "Введите ID чата.",
  // connection fields (worker/connectors/*/index.ts), checked at create, edit and test
  "Give an access token, or a refresh token with the OAuth client ID and secret.": "Укажите access token или refresh token вместе с OAuth client ID и secret.",
  "Give the subdomain or the base_url.": "Укажите поддомен или base_url.",
  "Give a long-lived access_token, or client_id, client_secret and refresh_token.": "Укажите долгосрочный access_token или client_id, client_secret и refresh_token.",
  "Paste a service account key (JSON), or give an OAuth access token or refresh token.": "Вставьте ключ сервисного аккаунта (JSON) или укажите OAuth access token или refresh token.",
  "A bot token looks like 123456:ABC-DEF…": "Токен бота выглядит так: 123456:ABC-DEF…",
  // share links (worker/routes/shares.ts)
  'An origin is a scheme and a host, e.g. "https://example.com" or "https://*.example.com".': "Источник — это схема и хост, например «https://example.com» или «https://*.example.com».",
  'List at least one origin, or use "*" for any site.': "Укажите хотя бы один источник или «*» — любой сайт.",
  // the Idempotency-Key header (worker/http/router.ts)
  "Use 1 to 200 visible ASCII characters, e.g. a UUID.": "Используйте от 1 до 200 видимых символов ASCII, например UUID.",
};

/** Messages that quote the input, matched by their fixed words. */
const SCHEMA_MESSAGE_PATTERNS_RU: ReadonlyArray<readonly [RegExp, (...parts: string[]) => string]> = [
  [
    /^"(.*)" is not a valid id: use lower-case Latin letters, digits and "_", start with a letter, at most 40 characters\.$/s,
    (id) => `«${id}» — неправильный ID: используйте строчные латинские буквы, цифры и «_», начинайте с буквы, не длиннее 40 символов.`,
  ],
];
