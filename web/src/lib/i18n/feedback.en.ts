// English strings of what the dashboard tells a new user along the way: why a page failed and
// the way back, counts with plural forms, live progress. feedback.ru.ts has the same keys.
export const feedbackEn = {
  "error.back_to_runs": "Back to the runs list",
  "error.back_to_bundles": "Back to the bundles list",
  "error.back_to_connections": "Back to connections",
  "error.back_to_settings": "Back to settings",
  "error.unexpected": "Something went wrong on this page. If it happens again, tell support the error id: {id}.",
  "bundle.not_found": "This bundle does not exist or has been deleted.",

  // every plural category either language uses (Intl.PluralRules); English needs only one/other
  "count.fields.one": "{count} field",
  "count.fields.few": "{count} fields",
  "count.fields.many": "{count} fields",
  "count.fields.other": "{count} fields",
  "count.items.one": "{count} item",
  "count.items.few": "{count} items",
  "count.items.many": "{count} items",
  "count.items.other": "{count} items",

  "editor.default_yes": "Default (Yes)",
  "editor.default_no": "Default (No)",


  "sync.title": "Sheet sync",
  "sync.in_progress": "In progress",
  "sync.done": "Up to date",
  "sync.never": "The sheet has not been read yet: the first read only notes the rows already there, later rows start runs.",
  "sync.next_row": "The next read starts at row {row}.",
  "sync.read_now": "Read the sheet now",
  "sync.reading": "Reading…",
  "sync.progress": "Runs finished",
  "count.sync_rows.one": "{count} row read",
  "count.sync_rows.few": "{count} rows read",
  "count.sync_rows.many": "{count} rows read",
  "count.sync_rows.other": "{count} rows read",
  "count.sync_started.one": "{count} run started",
  "count.sync_started.few": "{count} runs started",
  "count.sync_started.many": "{count} runs started",
  "count.sync_started.other": "{count} runs started",
  "count.sync_open.one": "{count} waiting or running",
  "count.sync_open.few": "{count} waiting or running",
  "count.sync_open.many": "{count} waiting or running",
  "count.sync_open.other": "{count} waiting or running",
  "count.sync_finished.one": "{count} finished",
  "count.sync_finished.few": "{count} finished",
  "count.sync_finished.many": "{count} finished",
  "count.sync_finished.other": "{count} finished",
  "count.sync_failed.one": "{count} failed",
  "count.sync_failed.few": "{count} failed",
  "count.sync_failed.many": "{count} failed",
  "count.sync_failed.other": "{count} failed"
} as const;
