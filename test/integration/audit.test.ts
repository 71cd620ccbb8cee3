// The audit log (issue 9): each change to a bundle, connection, member, API key or the
// settings is recorded with who made it (a person by email, an API key by name), newest
// first, without secrets; owners and admins read it, editors and viewers may not.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { manualBundle } from "./support/bundles";
import { signUp, signUpMember } from "./support/workspace";

type Event = { action: string; actor: { kind: string; label: string }; target: { type: string; id: string }; detail: string | null; at: string };

const manual = (name: string) => manualBundle({ name, steps: [{ id: "s", kind: "stop" }] });

describe("audit log", () => {
  it("records who changed which bundle, connection, member, key and setting", async () => {
    const owner = await signUp("audit-owner");
    const ws = `/api/v1/w/${owner.workspaceId}`;
    const t = { token: owner.token };

    const key = (await call("POST", `${ws}/api-keys`, { ...t, body: { name: "CI script", role: "editor" } })).json;
    const bundle = (await call("POST", `${ws}/bundles`, { token: key.key, body: manual("Leads") })).json;
    await call("PUT", `${ws}/bundles/${bundle.id}`, { ...t, body: manual("Leads v2") });
    await call("POST", `${ws}/bundles/${bundle.id}/enable`, t);
    await call("POST", `${ws}/bundles/${bundle.id}/disable`, t);
    const connection = (await call("POST", `${ws}/connections`, { ...t, body: { app: "telegram", name: "alerts", fields: { bot_token: "123:very-secret" } } })).json;
    await call("PATCH", `${ws}/connections/${connection.id}`, { ...t, body: { fields: { bot_token: "456:other-secret" } } });
    await call("DELETE", `${ws}/connections/${connection.id}`, t);
    const colleague = await signUpMember(owner, "viewer", "audit-colleague");
    await call("PATCH", `${ws}/members/${colleague.userId}`, { ...t, body: { role: "admin" } });
    await call("PATCH", `${ws}/settings`, { ...t, body: { log_retention_days: 7 } });
    await call("DELETE", `${ws}/bundles/${bundle.id}`, t);
    await call("DELETE", `${ws}/api-keys/${key.id}`, t);
    // A refused change leaves no trace.
    expect((await call("DELETE", `${ws}/bundles/${bundle.id}`, t)).status).toBe(404);

    const res = await call("GET", `${ws}/audit`, t);
    expect(res.status).toBe(200);
    const events = res.json.items as Event[];
    expect(events.map((e) => [e.action, e.actor.label, e.target.type, e.detail]).reverse()).toEqual([
      ["api_key.created", owner.email, "api_key", "CI script (editor)"],
      ["bundle.created", "API key «CI script»", "bundle", "Leads"],
      ["bundle.updated", owner.email, "bundle", "version 2"],
      ["bundle.enabled", owner.email, "bundle", null],
      ["bundle.disabled", owner.email, "bundle", null],
      ["connection.created", owner.email, "connection", "Telegram: alerts"],
      ["connection.updated", owner.email, "connection", "fields"],
      ["connection.deleted", owner.email, "connection", null],
      ["member.invited", owner.email, "member", `${colleague.email} as viewer`],
      ["member.added", colleague.email, "member", `${colleague.email} as viewer (accepted the invitation)`],
      ["member.role_changed", owner.email, "member", "viewer → admin"],
      ["settings.updated", owner.email, "settings", "log_retention_days"],
      ["bundle.deleted", owner.email, "bundle", null],
      ["api_key.revoked", owner.email, "api_key", null],
    ]);
    // The same events read in Russian (decision 0030): our words and role names translated, names as typed.
    const ru = (await call("GET", `${ws}/audit`, { ...t, headers: { "accept-language": "ru" } })).json.items as Event[];
    expect(ru.map((e) => [e.actor.label, e.detail]).reverse()).toEqual([
      [owner.email, "CI script (редактор)"],
      ["API-ключ «CI script»", "Leads"],
      [owner.email, "версия 2"],
      [owner.email, null],
      [owner.email, null],
      [owner.email, "Telegram: alerts"],
      [owner.email, "fields"],
      [owner.email, null],
      [owner.email, `${colleague.email}, роль: наблюдатель`],
      [colleague.email, `${colleague.email}, роль: наблюдатель (принял(а) приглашение)`],
      [owner.email, "наблюдатель → администратор"],
      [owner.email, "log_retention_days"],
      [owner.email, null],
      [owner.email, null],
    ]);
    expect(events.find((e) => e.action === "bundle.updated")?.target.id).toBe(bundle.id);
    expect(res.text).not.toMatch(/very-secret|other-secret/);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort().reverse());

    // Filters and pages.
    const ofBundle = (await call("GET", `${ws}/audit?target_type=bundle&target_id=${bundle.id}`, t)).json.items as Event[];
    expect(ofBundle.map((e) => e.action).reverse()).toEqual(["bundle.created", "bundle.updated", "bundle.enabled", "bundle.disabled", "bundle.deleted"]);
    const first = (await call("GET", `${ws}/audit?limit=5`, t)).json;
    const second = (await call("GET", `${ws}/audit?limit=5&cursor=${encodeURIComponent(first.next_cursor)}`, t)).json;
    expect([...first.items, ...second.items].map((e: Event) => e.action)).toEqual(events.slice(0, 10).map((e) => e.action));

    // The colleague is an admin now: may read it. Editors and viewers may not.
    expect((await call("GET", `${ws}/audit`, { token: colleague.token })).status).toBe(200);
    for (const role of ["editor", "viewer"]) {
      const k = (await call("POST", `${ws}/api-keys`, { ...t, body: { name: role, role } })).json.key;
      const refused = await call("GET", `${ws}/audit`, { token: k });
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe("forbidden");
    }
  });
});
