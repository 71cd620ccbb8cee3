// Russian strings of what the dashboard tells a new user along the way; the keys of feedback.en.ts.
import type { feedbackEn } from "./feedback.en.ts";

export const feedbackRu: Record<keyof typeof feedbackEn, string> = {
  "error.back_to_runs": "К списку запусков",
  "error.back_to_bundles": "К списку связок",
  "error.back_to_connections": "К подключениям",
  "error.back_to_settings": "К настройкам",
  "error.unexpected": "На этой странице что-то пошло не так. Если ошибка повторится, сообщите в поддержку её номер: {id}.",
  "bundle.not_found": "Такой связки нет или она удалена.",

  "count.fields.one": "{count} поле",
  "count.fields.few": "{count} поля",
  "count.fields.many": "{count} полей",
  "count.fields.other": "{count} поля",
  "count.items.one": "{count} элемент",
  "count.items.few": "{count} элемента",
  "count.items.many": "{count} элементов",
  "count.items.other": "{count} элемента",

  "editor.default_yes": "По умолчанию (да)",
  "editor.default_no": "По умолчанию (нет)",


  "sync.title": "Синхронизация таблицы",
  "sync.rows_read": "Прочитано до строки {row}",
  "sync.runs_started": "Запущено: {count}",
  "sync.runs_finished": "Завершено: {count}",
  "sync.runs_failed": "С ошибкой: {count}",
  "sync.in_progress": "Идёт",
  "sync.done": "Готово",
  "sync.never": "Таблица ещё не читалась."
};
