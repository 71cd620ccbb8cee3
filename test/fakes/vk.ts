// VK calls us (Callback API), so there is nothing to serve: this builds the requests VK
// sends — the confirmation handshake and lead_forms_new events (external-apis.md §5) — for
// tests of the connector and of the webhook route.
export interface VkLeadSample {
  group_id?: number;
  lead_id?: number;
  secret?: string;
  form_id?: number;
  form_name?: string;
  user_id?: number;
  ad_id?: number;
  /** key → answer; VK sends [{key, question, answer}]. */
  answers?: Record<string, string>;
}

export function vkConfirmation(groupId: number) {
  return { type: "confirmation", group_id: groupId };
}

export function vkLeadEvent(sample: VkLeadSample = {}) {
  const group_id = sample.group_id ?? 123;
  const answers = sample.answers ?? { first_name: "Анна", last_name: "Смирнова", phone_number: "8 (912) 345-67-89", email: "anna@example.com" };
  return {
    type: "lead_forms_new",
    group_id,
    event_id: `e${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`,
    v: "5.199",
    secret: sample.secret ?? "s3cret",
    object: {
      lead_id: sample.lead_id ?? Math.floor(Math.random() * 1e9),
      group_id,
      user_id: sample.user_id ?? 55,
      form_id: sample.form_id ?? 4,
      form_name: sample.form_name ?? "Заявка на скидку",
      ad_id: sample.ad_id ?? 0,
      answers: Object.entries(answers).map(([key, answer]) => ({ key, question: QUESTIONS[key] ?? key, answer })),
    },
  };
}

/** A POST as VK makes it (JSON body; a redelivery carries X-Retry-Counter). */
export function vkRequest(url: string, body: unknown, retry?: number): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retry) headers["x-retry-counter"] = String(retry);
  return new Request(url, { method: "POST", headers, body: JSON.stringify(body) });
}

const QUESTIONS: Record<string, string> = { first_name: "Имя", last_name: "Фамилия", phone_number: "Телефон", email: "Email" };
