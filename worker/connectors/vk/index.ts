// VK (VKontakte) Callback API: lead forms arrive at the bundle's webhook URL. The connection
// holds what VK's community settings show: group id, confirmation code, secret key.
import { z } from "zod";
import { defineConnector, t } from "../fields";

export const vk = defineConnector({
  app: "vk",
  label: t("VK (VKontakte)", "ВКонтакте"),
  help: t(
    "Lead forms of a VK community, through the Callback API. Paste the bundle's webhook URL as the server address in the community's API settings.",
    "Заявки с лид-форм сообщества ВКонтакте через Callback API. Укажите адрес вебхука связки как адрес сервера в настройках API сообщества.",
  ),
  connection: {
    fields: z.object({ group_id: z.coerce.string().min(1), confirmation_code: z.string().min(1), secret_key: z.string().min(1) }),
    secret: ["secret_key"],
    // VK calls us, not the other way round: there is nothing to call with these fields.
    async test() {},
  },
  triggers: {
    lead_form: {
      label: t("Lead form submitted", "Заявка с формы (ответы как отдельные поля)"),
      help: t(
        "Runs once per lead (event lead_forms_new); repeated deliveries of the same lead start no second run.",
        "Запускается один раз на заявку (событие lead_forms_new); повторные доставки той же заявки не запускают связку снова.",
      ),
      kind: "instant",
      needsConnection: true,
      options: z.object({ group_id: z.coerce.string().optional() }),
      output: z.object({
        lead_id: z.string(),
        form_id: z.string(),
        form_name: z.string(),
        group_id: z.string(),
        user_id: z.string(),
        ad_id: z.string(),
        answers: z.record(z.string(), z.string()),
        first_name: z.string(),
        last_name: z.string(),
        phone: z.string(),
        email: z.string(),
      }),
    },
  },
  actions: {},
});
