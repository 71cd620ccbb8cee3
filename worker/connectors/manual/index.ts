// Manual trigger: the bundle runs only from the Run button or the API, with `sample` (or the
// stored test data, or the given payload) as the trigger's data.
import { z } from "zod";
import { defineConnector, t } from "../fields";

export const manual = defineConnector({
  app: "manual",
  label: t("Manual start", "Ручной запуск"),
  help: t("Runs when you press Run or call the API.", "Запускается кнопкой «Запустить» или через API."),
  triggers: {
    run: {
      label: t("Run by hand", "Запуск вручную"),
      help: t("`sample` is the data the run starts with when none is given.", "`sample` — данные для запуска, если других не передано."),
      kind: "manual",
      options: z.object({ sample: z.unknown().optional() }),
    },
  },
  actions: {},
});
