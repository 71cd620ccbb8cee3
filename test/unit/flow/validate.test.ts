// Bundle validation: the seed examples pass unchanged, and each kind of mistake is reported
// with its code and the JSON pointer of the field to fix.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateBundle, type ValidationContext } from "../../../worker/flow";
import sheets from "../../fixtures/spec-examples/sheets-keepincrm-update-or-create.json";
import vk from "../../fixtures/spec-examples/vk-amocrm-dedup.json";

const base = () => ({
  format: "bundle/1",
  name: "Test",
  trigger: { id: "hook", app: "webhook", event: "catch" } as Record<string, unknown>,
  steps: [] as unknown[],
});
const send = (id: string, text = "hi") => ({ id, kind: "action", app: "telegram", action: "send_message", input: { text } });
const withSteps = (...steps: unknown[]) => ({ ...base(), steps });

function errorsOf(doc: unknown, ctx?: ValidationContext) {
  const result = validateBundle(doc, ctx);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
}

describe("the seed examples", () => {
  it.each([["vk-amocrm-dedup", vk], ["sheets-keepincrm-update-or-create", sheets]])("%s validates and comes back unchanged", (_, doc) => {
    const before = JSON.stringify(doc);
    const result = validateBundle(doc);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && JSON.stringify(result.bundle)).toBe(before);
    expect(result.ok && result.bundle).toEqual(JSON.parse(before));
  });
});

describe("shape errors carry the JSON pointer of the field", () => {
  it.each([
    ["unknown key on a step", withSteps({ ...send("a"), inputs: {} }), "unknown_field", "/steps/0/inputs"],
    ["unknown top-level key", { ...base(), extra: 1 }, "unknown_field", "/extra"],
    ["wrong format", { ...base(), format: "bundle/2" }, "invalid_value", "/format"],
    ["missing name", { ...base(), name: undefined }, "required", "/name"],
    ["bad id", withSteps(send("Bad-Id")), "invalid_value", "/steps/0/id"],
    ["unknown step kind", withSteps({ id: "a", kind: "loop" }), "invalid_value", "/steps/0/kind"],
    ["wrong type", withSteps({ ...send("a"), retry: { attempts: "3" } }), "invalid_type", "/steps/0/retry/attempts"],
    ["unknown key deep in a condition", withSteps({ id: "f", kind: "filter", when: { all: [{ left: "1", op: "eq", right: "1", rigth: "x" }] } }), "unknown_field", "/steps/0/when/all/0/rigth"],
    ["unknown op", withSteps({ id: "f", kind: "filter", when: { left: "1", op: "equals" } }), "invalid_value", "/steps/0/when/op"],
    ["condition that is no shape", withSteps({ id: "f", kind: "filter", when: {} }), "invalid_value", "/steps/0/when"],
    ["nested step error", withSteps({ id: "i", kind: "if", when: { left: "1", op: "not_empty" }, then: [{ id: "s", kind: "stop", why: 1 }] }), "unknown_field", "/steps/0/then/0/why"],
    ["bad schedule time", { ...base(), trigger: { id: "t", app: "schedule", event: "tick", schedule: { at: ["9:00"], timezone: "UTC" } } }, "invalid_value", "/trigger/schedule/at/0"],
    ["unknown time zone", { ...base(), trigger: { id: "t", app: "schedule", event: "tick", schedule: { cron: "* * * * *", timezone: "Mars/Base" } } }, "invalid_value", "/trigger/schedule/timezone"],
    ["schedule of no known form", { ...base(), trigger: { id: "t", app: "schedule", event: "tick", schedule: { hourly: true } } }, "invalid_value", "/trigger/schedule"],
    ["unknown settings key", { ...base(), settings: { notify: {} } }, "unknown_field", "/settings/notify"],
  ])("%s", (_, doc, code, path) => {
    expect(errorsOf(doc)).toContainEqual({ code, path });
  });

  it("accepts every schedule form and pause_after_failures", () => {
    for (const schedule of [{ every_minutes: 5 }, { at: ["09:00", "18:30"], days: ["mon", "tue"], timezone: "Europe/Moscow" }, { cron: "*/15 * * * *", timezone: "UTC" }]) {
      expect(errorsOf({ ...base(), trigger: { id: "t", app: "schedule", event: "tick", schedule }, settings: { pause_after_failures: 3 } })).toEqual([]);
    }
  });

  it("does not inject defaults into the returned document", () => {
    const doc = withSteps(send("a"));
    const result = validateBundle(doc);
    expect(result.ok && result.bundle).toEqual(withSteps(send("a")));
  });
});

describe("meaning errors", () => {
  const ifStep = (id: string, then: unknown[], otherwise?: unknown[]) => ({ id, kind: "if", when: { left: "{{hook.x}}", op: "not_empty" }, then, ...(otherwise ? { else: otherwise } : {}) });
  const router = (id: string, goto: string, otherwise = "stop") => ({ id, kind: "router", routes: [{ when: { left: "1", op: "eq", right: "1" }, goto }], otherwise });

  it.each([
    ["a step id used twice", withSteps(send("a"), send("a")), "duplicate_id", "/steps/1/id"],
    ["a nested id equal to the trigger's", withSteps(ifStep("i", [send("hook")])), "duplicate_id", "/steps/0/then/0/id"],
    ["a reserved id", withSteps(send("run")), "reserved_id", "/steps/0/id"],
    ["a jump to nowhere", withSteps(router("r", "ghost"), send("a")), "unknown_step", "/steps/0/routes/0/goto"],
    ["a jump backward", withSteps(send("a"), router("r", "a")), "jump_backward", "/steps/1/routes/0/goto"],
    ["a jump to itself", withSteps(router("r", "r")), "jump_backward", "/steps/0/routes/0/goto"],
    ["a jump into a branch", withSteps(router("r", "b", "stop"), ifStep("i", [send("b")])), "jump_outside_list", "/steps/0/routes/0/goto"],
    ["an otherwise to nowhere", withSteps(router("r", "a", "nope"), send("a")), "unknown_step", "/steps/0/otherwise"],
    ["a reference to an unknown id", withSteps(send("a", "{{lead.phone}}")), "unknown_reference", "/steps/0/input/text"],
    ["a reference to a later step", withSteps(send("a", "{{b.id}}"), send("b")), "later_reference", "/steps/0/input/text"],
    ["a reference to the step itself", withSteps(send("a", "{{a.id}}")), "later_reference", "/steps/0/input/text"],
    ["a reference to the other branch", withSteps(ifStep("i", [send("x")], [send("y", "{{x.id}}")])), "later_reference", "/steps/0/else/0/input/text"],
    ["an unknown run field", withSteps(send("a", "{{run.secret}}")), "unknown_reference", "/steps/0/input/text"],
    ["a reference in a condition", withSteps({ id: "f", kind: "filter", when: { any: [{ left: "{{zzz}}", op: "empty" }] } }), "unknown_reference", "/steps/0/when/any/0/left"],
    ["a reference in a stop reason", withSteps({ id: "s", kind: "stop", reason: "{{later.x}}" }, send("later")), "later_reference", "/steps/0/reason"],
    ["a reference to a step in the trigger filter", { ...base(), trigger: { id: "hook", app: "webhook", event: "catch", filter: { left: "{{a.x}}", op: "empty" } }, steps: [send("a")] }, "later_reference", "/trigger/filter/left"],
    ["a reference to a step in respond", { ...base(), trigger: { id: "hook", app: "webhook", event: "catch", options: { respond: "{{a.id}}" } }, steps: [send("a")] }, "later_reference", "/trigger/options/respond"],
    ["a reference in dedupe_key", { ...base(), trigger: { id: "hook", app: "webhook", event: "catch", options: { dedupe_key: "{{nope}}" } } }, "unknown_reference", "/trigger/options/dedupe_key"],
    ["an unknown filter", withSteps(send("a", "{{hook.x | reverse}}")), "bad_template", "/steps/0/input/text"],
    ["an unclosed expression", withSteps(send("a", "Hi {{hook.x")), "bad_template", "/steps/0/input/text"],
    ["a template deep inside an input object", withSteps({ ...send("a"), input: { fields: [{ v: "{{ghost}}" }] } }), "unknown_reference", "/steps/0/input/fields/0/v"],
    ["an invalid literal regex", withSteps({ id: "f", kind: "filter", when: { left: "x", op: "matches", right: "([a-z" } }), "invalid_regex", "/steps/0/when/right"],
    ["a comparison without right", withSteps({ id: "f", kind: "filter", when: { left: "x", op: "gt" } }), "required", "/steps/0/when/right"],
    ["an unknown trigger option", { ...base(), trigger: { id: "hook", app: "webhook", event: "catch", options: { respnd: "ok" } } }, "unknown_field", "/trigger/options/respnd"],
    ["a missing required trigger option", { ...base(), trigger: { id: "row", app: "google_sheets", event: "new_rows", connection: "s", options: { sheet: "A" }, schedule: { every_minutes: 5 } } }, "required", "/trigger/options/spreadsheet_id"],
    ["a polling trigger without schedule", { ...base(), trigger: { id: "row", app: "google_sheets", event: "new_rows", connection: "s", options: { spreadsheet_id: "1", sheet: "A" } } }, "schedule_required", "/trigger/schedule"],
    ["an instant trigger with a schedule", { ...base(), trigger: { id: "hook", app: "webhook", event: "catch", schedule: { every_minutes: 5 } } }, "schedule_not_supported", "/trigger/schedule"],
    ["a trigger that needs a connection", { ...base(), trigger: { id: "lead", app: "vk", event: "lead_form" } }, "connection_required", "/trigger/connection"],
    ["dedup update with a mode that never updates", withSteps({ ...send("a"), dedup: { match: [["phone"]], mode: "skip_if_exists", update: ["email"] } }), "dedup_update_unused", "/steps/0/dedup/update"],
  ])("%s", (_, doc, code, path) => {
    expect(errorsOf(doc)).toContainEqual({ code, path });
  });

  it("lets a branch see the steps before the if, the if itself and earlier steps of its branch", () => {
    const doc = withSteps(send("a"), ifStep("i", [send("b", "{{a.id}} {{i.result}}"), send("c", "{{b.id}} {{hook.x}} {{run.url}} {{bundle.name}}")]));
    expect(errorsOf(doc)).toEqual([]);
  });

  it("lets a step after an if refer to steps inside either branch", () => {
    const doc = withSteps(ifStep("i", [send("b")], [send("c")]), send("d", "{{b.id}}{{c.id}}"));
    expect(errorsOf(doc)).toEqual([]);
  });

  it("writes messages a non-programmer can act on", () => {
    const result = validateBundle(withSteps(send("create"), send("create")));
    expect(!result.ok && result.errors[0].message).toBe('Step id "create" is used twice.');
  });
});

describe("checks against the workspace's catalogue and connections", () => {
  const ctx: ValidationContext = {
    catalogue: {
      trigger: (app, event) =>
        app === "vk" && event === "lead_form" ? { options: z.object({ group_id: z.coerce.string().optional() }), supportsSchedule: false, needsConnection: true } : undefined,
      action: (app, action) => {
        if (app !== "amocrm") return undefined;
        if (action === "create_contact") return { input: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }), supportsDedup: true, connectionApp: "amocrm" };
        if (action === "find_contact") return { input: z.object({ query: z.string() }), supportsDedup: false, connectionApp: "amocrm" };
        return undefined;
      },
    },
    connections: { appOf: (id) => ({ amo: "amocrm", vk_group: "vk", tg: "telegram" })[id] },
  };
  const vkBundle = (...steps: unknown[]) => ({ ...base(), trigger: { id: "lead", app: "vk", event: "lead_form", connection: "vk_group" }, steps });
  const create = (extra: Record<string, unknown> = {}) => ({ id: "c", kind: "action", app: "amocrm", action: "create_contact", connection: "amo", input: { name: "{{lead.name}}" }, ...extra });

  it("accepts the VK example with real connections", () => {
    expect(errorsOf(vk, ctx)).toEqual([]);
  });

  it.each([
    ["an unknown action", vkBundle({ ...create(), action: "delete_everything" }), "unknown_action", "/steps/0/action"],
    ["an unknown trigger", { ...vkBundle(), trigger: { id: "lead", app: "vk", event: "wall_post", connection: "vk_group" } }, "unknown_trigger", "/trigger/event"],
    ["an unknown trigger option (loose connector schema)", { ...vkBundle(), trigger: { id: "lead", app: "vk", event: "lead_form", connection: "vk_group", options: { group: "1" } } }, "unknown_field", "/trigger/options/group"],
    ["an input key the action does not have", vkBundle(create({ input: { name: "x", nmae: "y" } })), "unknown_input", "/steps/0/input/nmae"],
    ["a required input missing", vkBundle(create({ input: { phone: "1" } })), "missing_input", "/steps/0/input"],
    ["dedup on an action that cannot", vkBundle({ id: "f", kind: "action", app: "amocrm", action: "find_contact", connection: "amo", input: { query: "x" }, dedup: { match: [["query"]], mode: "skip_if_exists" } }), "dedup_not_supported", "/steps/0/dedup"],
    ["a dedup match field the action does not have", vkBundle(create({ dedup: { match: [["phone"], ["mail"]], mode: "update_or_create" } })), "unknown_input", "/steps/0/dedup/match/1/0"],
    ["a connection that does not exist", vkBundle(create({ connection: "gone" })), "unknown_connection", "/steps/0/connection"],
    ["a connection of another app", vkBundle(create({ connection: "tg" })), "wrong_connection", "/steps/0/connection"],
    ["a trigger connection of another app", { ...vkBundle(), trigger: { id: "lead", app: "vk", event: "lead_form", connection: "amo" } }, "wrong_connection", "/trigger/connection"],
    ["an alert connection that is not Telegram", { ...vkBundle(), settings: { notify_on_failure: { connection: "amo", chat_id: "-1" } } }, "wrong_connection", "/settings/notify_on_failure/connection"],
  ])("%s", (_, doc, code, path) => {
    expect(errorsOf(doc, ctx)).toContainEqual({ code, path });
  });

  it("does not ask for inputs that have a default", () => {
    const withDefaults: ValidationContext = {
      ...ctx,
      catalogue: {
        ...ctx.catalogue!,
        action: () => ({ input: z.object({ url: z.string(), method: z.enum(["GET", "POST"]).default("GET"), strict: z.coerce.boolean().default(false) }), supportsDedup: false, connectionApp: "amocrm" }),
      },
    };
    const step = { id: "c", kind: "action", app: "amocrm", action: "call", connection: "amo", input: { url: "https://example.com" } };
    expect(errorsOf(vkBundle(step), withDefaults)).toEqual([]);
    expect(errorsOf(vkBundle({ ...step, input: { method: "POST" } }), withDefaults)).toContainEqual({ code: "missing_input", path: "/steps/0/input" });
  });

  it("does not type-check input values, which are templates", () => {
    expect(errorsOf(vkBundle(create({ input: { name: "{{lead.name}}", phone: 79991234567 } })), ctx)).toEqual([]);
  });
});
