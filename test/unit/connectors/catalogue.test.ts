// The catalogue the dashboard builds its forms from: every app, with JSON Schemas and labels.
import { describe, expect, it } from "vitest";
import { catalogueJson, getAction, getConnector, getTrigger, listConnectors } from "../../../worker/connectors/catalogue";

const apps = catalogueJson().apps;
const byApp = Object.fromEntries(apps.map((a) => [a.app, a]));

describe("connector catalogue", () => {
  it("lists every connector of the spec", () => {
    expect(apps.map((a) => a.app)).toEqual(expect.arrayContaining(["webhook", "vk", "amocrm", "keepincrm", "google_sheets", "telegram", "gmail", "http"]));
    expect(new Set(apps.map((a) => a.app)).size).toBe(apps.length);
  });

  it("labels every app, trigger and action in English and Russian", () => {
    for (const app of apps) {
      for (const item of [app, ...app.triggers, ...app.actions]) {
        expect(item.label.en, app.app).toBeTruthy();
        expect(item.label.ru, app.app).toBeTruthy();
        expect(item.help.en, app.app).toBeTruthy();
        expect(item.help.ru, app.app).toBeTruthy();
      }
    }
  });

  it("gives each action input and output JSON Schemas; outputs include $ok, $error, $status", () => {
    for (const app of apps) {
      for (const action of app.actions) {
        expect(action.input.type, `${app.app}.${action.action}`).toBe("object");
        expect(Object.keys(action.output.properties as object)).toEqual(expect.arrayContaining(["$ok", "$error", "$status"]));
      }
    }
  });

  it("uses the contract's connection field names and flags secret fields write-only", () => {
    const fields = (app: string) => Object.keys(byApp[app].connection!.schema.properties as object);
    expect(fields("amocrm")).toEqual(expect.arrayContaining(["subdomain", "base_url", "access_token", "client_id", "client_secret", "refresh_token"]));
    expect(fields("keepincrm")).toEqual(expect.arrayContaining(["api_key", "base_url"]));
    expect(fields("google_sheets")).toEqual(expect.arrayContaining(["service_account_json", "access_token", "refresh_token", "client_id", "client_secret", "base_url"]));
    expect(fields("telegram")).toEqual(expect.arrayContaining(["bot_token", "base_url"]));
    expect(fields("vk")).toEqual(expect.arrayContaining(["group_id", "confirmation_code", "secret_key"]));
    for (const app of apps.filter((a) => a.connection)) {
      const properties = app.connection!.schema.properties as Record<string, { writeOnly?: boolean }>;
      for (const secret of app.connection!.secret) expect(properties[secret]?.writeOnly, `${app.app}.${secret}`).toBe(true);
    }
    expect(byApp.webhook.connection).toBeNull();
    expect(byApp.http.connection).toBeNull();
  });

  it("carries field labels in both languages as x-label", () => {
    const input = byApp.telegram.actions.find((a) => a.action === "send_message")!.input.properties as Record<string, any>;
    expect(input.chat_id["x-label"]).toEqual({ en: "Chat ID", ru: "ID чата" });
    expect(input.chat_id.title).toBe("Chat ID");
  });

  it("says which actions accept dedup, and on which keys", () => {
    const dedup = apps.flatMap((a) => a.actions.filter((x) => x.supports_dedup).map((x) => `${a.app}.${x.action}`));
    expect(dedup).toEqual(expect.arrayContaining(["amocrm.create_contact", "keepincrm.create_order"]));
    expect(byApp.amocrm.actions.find((a) => a.action === "create_contact")!.dedup_keys).toEqual({ phone: "phone", email: "email" });
    expect(byApp.telegram.actions[0].supports_dedup).toBe(false);
  });

  it("finds declarations by name, and nothing for unknown or inherited names", () => {
    expect(getConnector("telegram")).toBe(listConnectors().find((c) => c.app === "telegram"));
    expect(getAction("amocrm", "find_contact")?.label.en).toBeTruthy();
    expect(getTrigger("vk", "lead_form")?.kind).toBe("instant");
    expect(getTrigger("google_sheets", "new_rows")?.kind).toBe("polling");
    expect(getAction("amocrm", "toString")).toBeUndefined();
    expect(getAction("nope", "x")).toBeUndefined();
    expect(getTrigger("webhook", "constructor")).toBeUndefined();
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(catalogueJson()))).toEqual(catalogueJson());
  });
});

describe("enum choices with labels", () => {
  it("the Sheets trigger's modes read as words in both languages, the field keeping its own label", () => {
    const mode = apps.find((a) => a.app === "google_sheets")!.triggers.find((t) => t.event === "new_rows")!.options!.properties!.mode;
    expect(mode.enum).toEqual(["new", "new_or_updated"]);
    expect(mode["x-label"]).toEqual({ en: "Run for", ru: "Запускать на" });
    expect(mode["x-choices"]).toEqual({
      new: { en: "New rows", ru: "Новые строки" },
      new_or_updated: { en: "New or updated rows", ru: "Новые или изменённые строки" },
    });
    expect(mode.default).toBe("new"); // the empty choice reads "Default (New rows)"
  });

  it("the chained trigger's status reads as words, its default too", () => {
    const status = apps.find((a) => a.app === "bundle")!.triggers.find((t) => t.event === "finished")!.options!.properties!.status;
    expect(status["x-label"]).toEqual({ en: "After a run that", ru: "После запуска, который" });
    expect(status["x-choices"]).toMatchObject({ failed: { en: "failed", ru: "завершился ошибкой" } });
    expect(status.default).toBe("any");
  });
});

describe("fields picked from a list", () => {
  it("the chained trigger's bundle is picked from the workspace's bundles, not typed as an id", () => {
    const options = apps.find((a) => a.app === "bundle")!.triggers.find((t) => t.event === "finished")!.options!;
    const bundle = options.properties!.bundle;
    expect(bundle["x-pick"]).toBe("bundle");
    expect(bundle.type).toBe("string");
    expect(options.required).toContain("bundle");
    expect(bundle["x-label"]).toEqual({ en: "Bundle", ru: "Связка" });
    expect(bundle["x-help"]!.en).not.toMatch(/\bid\b/);
    expect(bundle["x-help"]!.ru).not.toMatch(/\bid\b/);
  });
});
