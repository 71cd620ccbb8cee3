// Russian strings of the workspace settings page.
import type { settingsEn } from "./settings.en.ts";

export const settingsRu: Record<keyof typeof settingsEn, string> = {
  "settings.workspace": "Рабочее пространство",
  "workspace_settings.title": "Настройки рабочего пространства",
  "workspace_settings.read_only": "Менять настройки рабочего пространства могут только владельцы и администраторы.",
  "workspace_settings.general": "Основное",
  "workspace_settings.timezone": "Часовой пояс",
  "workspace_settings.timezone_hint": "Расписания работают в этом часовом поясе.",
  "workspace_settings.phone_country": "Страна телефонов по умолчанию",
  "workspace_settings.phone_country_hint": "Номера без кода страны считаются номерами этой страны.",
  "workspace_settings.log_retention": "Хранить логи запусков, дней",
  "workspace_settings.log_retention_hint": "Более старые запуски и их логи удаляются (1–365).",
  "workspace_settings.hook_rate": "Доставок вебхуков в секунду на один URL",
  "workspace_settings.hook_rate_hint": "URL вебхука каждой связки принимает столько доставок в секунду (1–1000); сверх этого он отвечает 429 с Retry-After и ничего не сохраняет.",
  "workspace_settings.ledger_shards": "Журналы запусков",
  "workspace_settings.ledger_spread": "Связки, распределённые по журналам",
  "workspace_settings.ledger_spread_hint": "Для одной очень нагруженной связки: её запуски распределяются по всем журналам запусков, а не хранятся в одном, и она может перерасти журнал. Добавить связку может только владелец, и она остаётся распределённой; журнал, который растёт в основном из-за одной связки, распределяет её сам.",
  "workspace_settings.ledger_spread_choose": "Выберите связку…",
  "workspace_settings.ledger_spread_add": "Распределить",
  "workspace_settings.ledger_shards_hint": "Для очень нагруженных пространств: запуски распределяются по связкам между столькими журналами (1–64). Увеличить может только владелец, уменьшить потом нельзя; журнал, который идёт к объёму больше 4 ГБ, сам увеличивает это число.",
  "workspace_settings.failures": "Когда запуски падают",
  "workspace_settings.pause_after": "Приостановить связку после стольких ошибок подряд",
  "workspace_settings.pause_after_hint": "0 — никогда не приостанавливать.",
  "workspace_settings.notify": "Сообщать в Telegram-чат об ошибках",
  "workspace_settings.notify_hint": "Для связок, в которых свой чат не указан. Не больше 5 сообщений в час на связку.",
  "workspace_settings.notify_connection": "Подключение Telegram",
  "workspace_settings.notify_chat": "ID чата",
  "workspace_settings.notify_chat_hint": "Число вроде -1001234567890 или @имя_канала. Его покажет «Привязать чат» на странице подключений.",
  "workspace_settings.notify_needs_connection": "Сначала добавьте подключение Telegram:",
  "workspace_settings.save": "Сохранить настройки",
  "workspace_settings.saved": "Настройки сохранены."
};
