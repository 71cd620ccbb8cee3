// Chaining: run after another bundle's run ends ("update only after bundle X").
import { z } from "zod";
import { defineConnector, t } from "../fields";

export const bundleChain = defineConnector({
  app: "bundle",
  label: t("Another bundle", "Другая связка"),
  help: t("Runs after each run of the chosen bundle ends.", "Запускается после каждого завершения выбранной связки."),
  triggers: {
    finished: {
      label: t("Bundle run finished", "Связка отработала"),
      help: t("Receives the other run's trigger data and step outputs.", "Получает данные триггера и результаты шагов другой связки."),
      kind: "chained",
      options: z.object({ bundle: z.string().min(1), status: z.enum(["any", "success", "failed"]).optional() }),
    },
  },
  actions: {},
});
