// Handling one VK Callback API request: the confirmation handshake, the secret check, and
// a lead_forms_new event turned into the trigger's output. VK wants the plain text `ok` for
// every event it should not resend.
export interface VkConnection {
  group_id: string;
  confirmation_code: string;
  secret_key: string;
}

export interface VkLead {
  lead_id: string;
  form_id: string;
  form_name: string;
  group_id: string;
  user_id: string;
  ad_id: string;
  answers: Record<string, string>;
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
}

export type VkCallbackResult =
  | { status: number; reply: string; event?: undefined }
  | { status: 200; reply: "ok"; event: { dedupKey: string; output: VkLead; /** X-Retry-Counter: VK's redelivery count (0 first). */ retry: number } };

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/**
 * One POST from VK: `reply` is the plain-text body to answer with `status`. Redeliveries
 * (X-Retry-Counter) carry the same dedup key (group + lead), so they start no second run.
 */
export function handleVkCallback(body: unknown, headers: Headers | Record<string, string | undefined>, connection: VkConnection): VkCallbackResult {
  const msg = (body ?? {}) as { type?: string; group_id?: unknown; secret?: string; object?: Record<string, unknown> };
  if (str(msg.group_id) !== str(connection.group_id)) return { status: 403, reply: "unknown group" };
  if (msg.type === "confirmation") return { status: 200, reply: connection.confirmation_code };
  if (msg.secret !== connection.secret_key) return { status: 403, reply: "bad secret" };
  if (msg.type !== "lead_forms_new" || !msg.object) return { status: 200, reply: "ok" };
  const lead = msg.object;
  const answers: Record<string, string> = {};
  for (const a of (lead.answers as Array<{ key?: string; answer?: unknown }> | undefined) ?? []) {
    if (a.key) answers[a.key] = str(a.answer);
  }
  const output: VkLead = {
    lead_id: str(lead.lead_id),
    form_id: str(lead.form_id),
    form_name: str(lead.form_name),
    group_id: str(lead.group_id ?? msg.group_id),
    user_id: str(lead.user_id),
    ad_id: str(lead.ad_id),
    answers,
    // VK's standard answer keys are not confirmed (external-apis.md §5); these are the common ones.
    first_name: answers.first_name ?? "",
    last_name: answers.last_name ?? "",
    phone: answers.phone_number ?? answers.phone ?? "",
    email: answers.email ?? "",
  };
  const retryHeader = headers instanceof Headers ? headers.get("x-retry-counter") : Object.entries(headers).find(([k]) => k.toLowerCase() === "x-retry-counter")?.[1];
  return { status: 200, reply: "ok", event: { dedupKey: `vk-${output.group_id}-${output.lead_id}`, output, retry: Number(retryHeader) || 0 } };
}
