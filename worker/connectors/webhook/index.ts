// Webhook: a bundle starts when something POSTs to its URL. The route stores the delivery
// (parsed body plus $query, $headers with secrets redacted, $method); this declaration only
// tells the dashboard and the validator what the trigger takes and gives.
import { z } from "zod";
import { defineConnector, field, t } from "../fields";

export const webhook = defineConnector({
  app: "webhook",
  label: t("Webhook", "Вебхук"),
  help: t("Starts a bundle when a service sends data to the bundle's URL.", "Запускает связку, когда сервис отправляет данные на адрес связки."),
  triggers: {
    catch: {
      label: t("Incoming webhook", "Входящий вебхук"),
      help: t(
        "Every delivery is a run, also two with the same body. A repeated Idempotency-Key header starts no second run; for dedup by content set a key template.",
        "Каждая доставка — отдельный запуск, даже с одинаковым телом. Повтор заголовка Idempotency-Key второй запуск не создаёт; для отсева дублей по содержимому задайте шаблон ключа.",
      ),
      kind: "instant",
      needsConnection: false,
      options: z.object({
        respond: field(
          z.string().optional(),
          t("Reply", "Ответ"),
          t('What the sender gets back: "ok" (default) or a template over the delivery.', "Что получит отправитель: «ok» (по умолчанию) или шаблон по данным доставки."),
        ),
        dedupe_key: field(
          z.string().optional(),
          t("Dedup key", "Ключ для отсева дублей"),
          t("A template such as {{trigger.order_id}} (the trigger's id, a dot, the field): deliveries with the same key start one run.", "Шаблон вида {{trigger.order_id}} (ID триггера, точка, поле): доставки с одинаковым ключом дают один запуск."),
        ),
        dedupe_hours: field(z.coerce.number().int().min(1).max(720).optional(), t("Remember keys for, hours", "Помнить ключи, часов")),
      }),
      output: z.looseObject({
        $method: z.string(),
        $query: z.record(z.string(), z.unknown()),
        $headers: z.record(z.string(), z.string()),
      }),
    },
  },
  actions: {},
});
