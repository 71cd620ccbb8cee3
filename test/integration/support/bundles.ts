// Bundle documents as tests write them, and the calls that save and enable them. A builder
// writes the `bundle/1` frame and the trigger; the steps are the test's own.
import { call } from "./api";
import type { Caller } from "./workspace";

interface Frame {
  name?: string;
  /** The trigger's id: steps read its data as `{{<trigger>.field}}`. */
  trigger?: string;
  steps?: unknown[];
  /** The bundle's `settings` (notify_on_failure…), when it has any. */
  settings?: unknown;
}

const frame = (name: string, trigger: Record<string, unknown>, steps: unknown[], settings: unknown) => ({
  format: "bundle/1",
  name,
  trigger,
  steps,
  ...(settings === undefined ? {} : { settings }),
});

/** Started by hand (or by a force run's payload); `sample` is what a run without one gets. */
export function manualBundle({ name = "Manual", trigger = "start", steps = [], settings, sample }: Frame & { sample?: unknown } = {}) {
  return frame(name, { id: trigger, app: "manual", event: "run", ...(sample === undefined ? {} : { options: { sample } }) }, steps, settings);
}

/** Started by deliveries to its webhook URL; `options` as the webhook trigger takes them (respond, dedupe_key…). */
export function webhookBundle({ name = "Hook", trigger = "hook", steps = [], settings, options }: Frame & { options?: Record<string, unknown> } = {}) {
  return frame(name, { id: trigger, app: "webhook", event: "catch", ...(options === undefined ? {} : { options }) }, steps, settings);
}

/** Started by a lead form of the VK community of `connection` (its Callback API deliveries). */
export function vkLeadBundle(connection: string, { name = "VK leads", trigger = "lead", steps = [], settings }: Frame = {}) {
  return frame(name, { id: trigger, app: "vk", event: "lead_form", connection }, steps, settings);
}

/** Started by the Cron Trigger on `schedule` ({every_minutes} or {cron, timezone}…). */
export function scheduleBundle(schedule: Record<string, unknown>, { name = "On a schedule", trigger = "tick", steps = [], settings }: Frame = {}) {
  return frame(name, { id: trigger, app: "schedule", event: "tick", schedule }, steps, settings);
}

/** Saves a new bundle (disabled, version 1); its id. */
export async function createBundle(u: Caller, document: unknown): Promise<string> {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: document });
  if (res.status !== 201) throw new Error(`bundle not created: ${res.status} ${res.text}`);
  return res.json.id;
}

/** Switches the bundle on; answers the bundle as the API shows it. */
export async function enableBundle(u: Caller, bundleId: string) {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}/enable`, { token: u.token });
  if (res.status !== 200) throw new Error(`bundle not enabled: ${res.status} ${res.text}`);
  return res.json;
}

/** Switches a webhook-triggered bundle on; the path of its webhook URL, to deliver to. */
export async function enableWebhook(u: Caller, bundleId: string): Promise<string> {
  await enableBundle(u, bundleId);
  const res = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token });
  return new URL(res.json.webhook_url).pathname;
}

/** Imports a bundle document (an export, a shared example), its connection placeholders mapped to this workspace's; its id. */
export async function importBundle(u: Caller, bundle: unknown, connections: Record<string, string>): Promise<string> {
  const res = await call("POST", `/api/v1/w/${u.workspaceId}/bundles/import`, { token: u.token, body: { bundle, connections } });
  if (res.status !== 201) throw new Error(`bundle not imported: ${res.status} ${res.text}`);
  return res.json.id;
}

/**
 * The lead → amoCRM contact step the dedup tests share: a contact from `{{lead.name}}`,
 * `{{lead.phone}}` and `{{lead.email}}`, never twice by phone, then by email; a lead that waits
 * long for its lease is retried.
 */
export function leadToContactStep(connection: string) {
  return {
    id: "contact",
    kind: "action",
    app: "amocrm",
    action: "create_contact",
    connection,
    input: { name: "{{lead.name}}", phone: "{{lead.phone}}", email: "{{lead.email}}" },
    dedup: { match: [["phone"], ["email"]], mode: "update_or_create" },
    retry: { attempts: 6, backoff_seconds: 1 },
  };
}
