// Russian for the messages our zod schemas declare (their `message` / `error` option), keyed
// by the English text, so the schemas stay one-language and untouched. A test checks that every
// such message in worker/ has its line here.
export const SCHEMA_MESSAGES_RU: Readonly<Record<string, string>> = {
  // bundle/1 (worker/flow/bundle-schema.ts)
  "This field must not be empty.": "Это поле не может быть пустым.",
  "A group needs at least one condition.": "В группе нужно хотя бы одно условие.",
  "Unknown time zone; use a name like Europe/Moscow or UTC.": "Неизвестный часовой пояс; укажите название вроде Europe/Moscow или UTC.",
  "A router needs at least one route.": "Роутеру нужен хотя бы один маршрут.",
  "A bundle needs a name.": "Дайте связке название.",
  // accounts, workspaces, keys, settings (worker/routes, worker/http/router.ts)
  "Enter a valid email address.": "Введите правильный адрес электронной почты.",
  "Use at least 8 characters.": "Нужно не меньше 8 символов.",
  "Name your workspace.": "Назовите рабочее пространство.",
  "Name the key.": "Назовите ключ.",
  "Name the connection.": "Назовите подключение.",
  "Use an IANA time zone such as Europe/Moscow.": "Укажите часовой пояс IANA, например Europe/Moscow.",
  "Use a two-letter country code such as RU.": "Укажите двухбуквенный код страны, например RU.",
  "Enter the chat ID.": "Введите ID чата.",
};
