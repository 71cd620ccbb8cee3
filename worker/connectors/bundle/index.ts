// Chaining: run after another bundle's run ends ("update only after bundle X").
import { z } from "zod";
import type { ConnectorDeclaration } from "../types";

export const bundleChain: ConnectorDeclaration = {
  app: "bundle",
  label: { en: "Another bundle", ru: "Другая связка" },
  help: { en: "Runs after each run of the chosen bundle ends.", ru: "Запускается после каждого завершения выбранной связки." },
  triggers: {
    finished: {
      label: { en: "Bundle run finished", ru: "Связка отработала" },
      help: {
        en: "Receives the other run's trigger data and step outputs.",
        ru: "Получает данные триггера и результаты шагов другой связки.",
      },
      kind: "chained",
      options: z.object({ bundle: z.string().min(1), status: z.enum(["any", "success", "failed"]).optional() }),
    },
  },
  actions: {},
};
