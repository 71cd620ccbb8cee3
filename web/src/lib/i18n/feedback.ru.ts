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
  "sync.in_progress": "Идёт",
  "sync.done": "Всё прочитано",
  "sync.never": "Таблица ещё не читалась: первое чтение только запоминает строки, которые уже есть, запуски начнут новые строки.",
  "sync.next_row": "Следующее чтение начнётся со строки {row}.",
  "sync.read_now": "Прочитать таблицу сейчас",
  "sync.reading": "Читаем…",
  "sync.progress": "Завершено запусков",
  "count.sync_rows.one": "прочитана {count} строка",
  "count.sync_rows.few": "прочитано {count} строки",
  "count.sync_rows.many": "прочитано {count} строк",
  "count.sync_rows.other": "прочитано {count} строки",
  "count.sync_started.one": "начат {count} запуск",
  "count.sync_started.few": "начато {count} запуска",
  "count.sync_started.many": "начато {count} запусков",
  "count.sync_started.other": "начато {count} запуска",
  "count.sync_open.one": "{count} ждёт или выполняется",
  "count.sync_open.few": "{count} ждут или выполняются",
  "count.sync_open.many": "{count} ждут или выполняются",
  "count.sync_open.other": "{count} ждут или выполняются",
  "count.sync_finished.one": "завершён {count}",
  "count.sync_finished.few": "завершено {count}",
  "count.sync_finished.many": "завершено {count}",
  "count.sync_finished.other": "завершено {count}",
  "count.sync_failed.one": "{count} с ошибкой",
  "count.sync_failed.few": "{count} с ошибкой",
  "count.sync_failed.many": "{count} с ошибкой",
  "count.sync_failed.other": "{count} с ошибкой"
};
