// Chaining: run after another bundle's run ends ("update only after bundle X").
import { z } from "zod";
import { bundlePick, choices, defineConnector, field, t } from "../fields";

export const bundleChain = defineConnector({
  app: "bundle",
  label: t("Another bundle", "Другая связка"),
  help: t("Runs after each run of the chosen bundle ends.", "Запускается после каждого завершения выбранной связки."),
  triggers: {
    finished: {
      label: t("Bundle run finished", "Связка отработала"),
      help: t("Receives the other run's trigger data and step outputs.", "Получает данные триггера и результаты шагов другой связки."),
      kind: "chained",
      options: z.object({
        bundle: bundlePick(field(z.string().min(1), t("Bundle", "Связка"), t("The bundle whose runs start this one.", "Связка, после запусков которой запускается эта."))),
        status: choices(
          field(z.enum(["any", "success", "failed"]).optional(), t("After a run that", "После запуска, который"), t("Stopped runs count as any end.", "Остановленные запуски считаются любым завершением.")),
          { any: t("ended in any way", "завершился как угодно"), success: t("succeeded", "выполнился успешно"), failed: t("failed", "завершился ошибкой") },
        ).meta({ default: "any" }),
      }),
    },
  },
  actions: {},
});
