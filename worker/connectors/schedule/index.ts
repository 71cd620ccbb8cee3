// Schedule trigger: time only, no payload. The trigger's `schedule` says when.
import { z } from "zod";
import type { ConnectorDeclaration } from "../types";

export const schedule: ConnectorDeclaration = {
  app: "schedule",
  label: { en: "Schedule", ru: "Расписание" },
  help: { en: "Runs every N minutes, at set times, or by a cron expression.", ru: "Запускается каждые N минут, в заданное время или по cron-выражению." },
  triggers: {
    tick: {
      label: { en: "On schedule", ru: "По расписанию" },
      help: { en: "Starts a run at each scheduled time.", ru: "Запускает связку в каждое назначенное время." },
      kind: "schedule",
      options: z.object({}),
      output: z.object({ scheduled_at: z.string() }),
    },
  },
  actions: {},
};
