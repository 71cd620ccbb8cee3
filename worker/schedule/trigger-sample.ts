// "Load test data": one real sample of what the bundle's trigger gives, read from its source
// without side effects (a Sheets poll's cursor is not touched). Each trigger in the catalogue
// says where its sample comes from; `missing` explains why there is none yet, in English and
// Russian (it becomes the 409 no_sample message; decision 0017).
import type { BundleRow } from "../../db/queries/bundles";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { SheetsClient } from "../connectors/google_sheets/client";
import { mapRow, readHeaders, readRowsFrom, type NewRow, type NewRowsOptions } from "../connectors/google_sheets/rows";
import type { Env } from "../env";
import type { Text } from "../i18n/text";
import { manualSample, type Bundle } from "../flow";
import { DELIVERY_EVENT_PREFIXES } from "../hooks/delivery-events";
import { scheduleOf } from "./bundle-schedule";
import { chainedTriggerData } from "../runs/chained-runs";
import { ENDED_RUN_STATUSES } from "../../db/ledger/run-status";
import { loadPayload } from "../runs/payloads";
import { workspaceLedgers } from "../runs/workspace-ledgers";
import { nextRunAfter } from "./next-run";
import { openSheetSource } from "./sheet-source";

export type TriggerSample = { data: unknown; source: string } | { missing: Text };

const PAGE_ROWS = 5000;

export async function loadTriggerSample(env: Env, scope: WorkspaceScope, bundle: BundleRow, now = new Date()): Promise<TriggerSample> {
  const document = bundle.document as Bundle;
  const trigger = document.trigger;
  const options = (trigger.options ?? {}) as Record<string, unknown>;
  switch (`${trigger.app}.${trigger.event}`) {
    case "google_sheets.new_rows": {
      const { options: sheet, client } = await openSheetSource(env, scope, document);
      const row = await lastSheetRow(client, sheet);
      return row ? { data: row, source: `row ${row.row_number} of the sheet «${sheet.sheet}»` } : { missing: { en: `The sheet «${sheet.sheet}» has no data rows below its header yet.`, ru: `На листе «${sheet.sheet}» под заголовками пока нет строк с данными.` } };
    }
    case "webhook.catch":
    case "vk.lead_form": {
      const run = (await (await workspaceLedgers(env, scope)).latestRun(bundle.id, { eventPrefixes: DELIVERY_EVENT_PREFIXES }))?.run;
      return run
        ? { data: await loadPayload(env, run.trigger), source: `the delivery of ${run.createdAt.toISOString()} (run ${run.id})` }
        : {
            missing: {
              en: "No delivery has reached this bundle's URL yet (or its run was deleted by log retention). Send one, then load again.",
              ru: "На адрес этой связки ещё ничего не приходило (или запуск удалён по сроку хранения журнала). Отправьте запрос и загрузите снова.",
            },
          };
    }
    case "schedule.tick": {
      const schedule = scheduleOf(document);
      const at = bundle.nextRunAt ?? (schedule && nextRunAfter(schedule, now)) ?? now;
      return { data: { scheduled_at: at.toISOString() }, source: "the next scheduled time" };
    }
    case "manual.run": {
      const sample = manualSample(document);
      return { data: sample ?? {}, source: sample === undefined ? "an empty manual start (the trigger has no sample)" : "the manual trigger's sample" };
    }
    case "bundle.finished": {
      const wanted = (options.status as "any" | "success" | "failed" | undefined) ?? "any";
      const followed = String(options.bundle ?? "");
      const found = await (await workspaceLedgers(env, scope)).latestRun(followed, { statuses: wanted === "any" ? ENDED_RUN_STATUSES : [wanted] });
      return found
        ? { data: await chainedTriggerData(env, found.ledger, found.run), source: `run ${found.run.id} of the bundle this one follows` }
        : { missing: noRunYet(wanted) };
    }
  }
  return { missing: { en: `The ${trigger.app}.${trigger.event} trigger has no source to load a sample from.`, ru: `У триггера ${trigger.app}.${trigger.event} нет источника, откуда загрузить пример.` } };
}

function noRunYet(wanted: string): Text {
  if (wanted === "any") return { en: "The bundle this one follows has no finished run yet.", ru: "У связки, за которой идёт эта, пока нет завершённых запусков." };
  return { en: `The bundle this one follows has no ${wanted} run yet.`, ru: `У связки, за которой идёт эта, пока нет запусков со статусом ${wanted}.` };
}

/** The last row with any data, mapped by header (cells a ragged row leaves out are ""). */
async function lastSheetRow(client: SheetsClient, options: NewRowsOptions): Promise<NewRow | undefined> {
  const ref = { spreadsheetId: options.spreadsheet_id, sheet: options.sheet };
  const headerRow = options.header_row ?? 1;
  const headers = await readHeaders(client, { ...ref, headerRow });
  let last: { cells: string[]; rowNumber: number } | undefined;
  for (let from = headerRow + 1; ; ) {
    const page = await readRowsFrom(client, { ...ref, fromRow: from, maxRows: PAGE_ROWS, columns: Math.max(headers.length, 1) });
    page.rows.forEach((cells, i) => {
      if (cells.some((cell) => cell.trim() !== "")) last = { cells, rowNumber: from + i };
    });
    if (page.rows.length < PAGE_ROWS) break;
    from = page.nextRow;
  }
  return last && { ...mapRow(headers, last.cells), row_number: last.rowNumber };
}
