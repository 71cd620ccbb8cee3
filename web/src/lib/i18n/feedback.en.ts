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
  "sync.rows_read": "Read up to row {row}",
  "sync.runs_started": "Runs started: {count}",
  "sync.runs_finished": "Finished: {count}",
  "sync.runs_failed": "Failed: {count}",
  "sync.in_progress": "In progress",
  "sync.done": "Done",
  "sync.never": "The sheet has not been read yet."
} as const;
