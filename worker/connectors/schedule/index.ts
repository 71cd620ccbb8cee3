// Schedule trigger: time only, no payload. The trigger's `schedule` says when.
import { z } from "zod";
import { defineConnector, t } from "../fields";

export const schedule = defineConnector({
  app: "schedule",
  label: t("Schedule", "Расписание"),
  help: t("Runs every N minutes, at set times, or by a cron expression.", "Запускается каждые N минут, в заданное время или по cron-выражению."),
  triggers: {
    tick: {
      label: t("On schedule", "По расписанию"),
      help: t("Starts a run at each scheduled time.", "Запускает связку в каждое назначенное время."),
      kind: "schedule",
      options: z.object({}),
      output: z.object({ scheduled_at: z.string() }),
    },
  },
  actions: {},
});
