// English strings of the workspace settings page; settings.ru.ts has the same keys.
export const settingsEn = {
  "settings.workspace": "Workspace",
  "workspace_settings.title": "Workspace settings",
  "workspace_settings.read_only": "Only owners and admins can change workspace settings.",
  "workspace_settings.general": "General",
  "workspace_settings.timezone": "Time zone",
  "workspace_settings.timezone_hint": "Schedules run in this time zone.",
  "workspace_settings.phone_country": "Default phone country",
  "workspace_settings.phone_country_hint": "Phone numbers written without a country code are read as this country’s.",
  "workspace_settings.log_retention": "Keep run logs for, days",
  "workspace_settings.log_retention_hint": "Older runs and their logs are deleted (1–365).",
  "workspace_settings.failures": "When runs fail",
  "workspace_settings.pause_after": "Pause a bundle after this many failed runs in a row",
  "workspace_settings.pause_after_hint": "0 = never pause.",
  "workspace_settings.notify": "Tell a Telegram chat when a run fails",
  "workspace_settings.notify_hint": "For bundles that do not name a chat of their own. At most 5 messages an hour per bundle.",
  "workspace_settings.notify_connection": "Telegram connection",
  "workspace_settings.notify_chat": "Chat ID",
  "workspace_settings.notify_chat_hint": "A number such as -1001234567890, or @channelname. “Link a chat” on the Connections page shows it.",
  "workspace_settings.notify_needs_connection": "Add a Telegram connection first:",
  "workspace_settings.save": "Save settings",
  "workspace_settings.saved": "Settings saved."
} as const;
