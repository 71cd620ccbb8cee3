// Manual trigger: the bundle runs only from the Run button or the API, with `sample` (or the
// stored test data, or the given payload) as the trigger's data.
import { z } from "zod";
import type { ConnectorDeclaration } from "../types";

export const manual: ConnectorDeclaration = {
  app: "manual",
  label: { en: "Manual start", ru: "Ручной запуск" },
  help: { en: "Runs when you press Run or call the API.", ru: "Запускается кнопкой «Запустить» или через API." },
  triggers: {
    run: {
      label: { en: "Run by hand", ru: "Запуск вручную" },
      help: { en: "`sample` is the data the run starts with when none is given.", ru: "`sample` — данные для запуска, если других не передано." },
      kind: "manual",
      options: z.object({ sample: z.unknown().optional() }),
    },
  },
  actions: {},
};
