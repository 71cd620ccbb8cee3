// The API speaks the caller's language (issue 7): Accept-Language ru… gives Russian messages,
// anything else or nothing gives English; codes and paths are the same in both.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { fromAddress } from "./support/addresses";
import { call, type CallOptions } from "./support/api";
import { createBundle, manualBundle, webhookBundle } from "./support/bundles";
import { telegramConnection } from "./support/connections";
import { roomInWindow } from "./support/rate-window";
import { signUp, signUpMember } from "./support/workspace";

const RU = { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" };
const cyrillic = /[а-яё]/i;

/** The same request without a language, then in Russian. */
async function inBoth(method: string, path: string, opts: CallOptions = {}) {
  const en = await call(method, path, opts);
  const ru = await call(method, path, { ...opts, headers: { ...opts.headers, ...RU } });
  expect(ru.status).toBe(en.status);
  expect(ru.json.error.code).toBe(en.json.error.code);
  expect(ru.json.error.path).toBe(en.json.error.path);
  expect(ru.headers.get("vary")).toContain("Accept-Language");
  return { en: en.json.error, ru: ru.json.error, status: en.status };
}

const manual = (name: string, steps: unknown[] = []) => manualBundle({ name, steps });

describe("API messages in the caller's language", () => {
  it("a bundle with several mistakes: every detail in Russian, at the same code and path as in English", async () => {
    const u = await signUp("lang-bundle");
    const doc = { ...manual(" ", [{ id: "c", kind: "stop", colour: "red" }, { id: 5, kind: "stop" }]) };
    const { en, ru, status } = await inBoth("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: doc });
    expect(status).toBe(400);
    expect(en.code).toBe("validation_failed");
    const byPath = (details: Array<{ path: string; message: string }>) => Object.fromEntries(details.map((d) => [d.path, d.message]));
    expect(byPath(en.details)).toEqual({
      "/name": "A bundle needs a name.",
      "/steps/0/colour": 'Unknown field "colour".',
      "/steps/1/id": '"id" must be text, not a number.',
    });
    expect(byPath(ru.details)).toEqual({
      "/name": "Дайте связке название.",
      "/steps/0/colour": "Неизвестное поле «colour».",
      "/steps/1/id": "Значение в поле «id» должно быть текстом, а не числом.",
    });
    expect(ru.details.map((d: { code: string }) => d.code)).toEqual(en.details.map((d: { code: string }) => d.code));
    expect(en.message).toBe(`${en.details[0].message} (and 2 more)`);
    expect(ru.message).toBe(`${ru.details[0].message} (и ещё 2)`);
  });

  it("after the schema, the bundle's own checks: duplicate ids and unknown references", async () => {
    const u = await signUp("lang-checks");
    const doc = manual("refs", [
      { id: "a", kind: "stop", reason: "{{nobody.name}}" },
      { id: "a", kind: "stop" },
    ]);
    const { en, ru } = await inBoth("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: doc });
    expect(en.details).toEqual([
      { code: "duplicate_id", path: "/steps/1/id", message: 'Step id "a" is used twice.' },
      { code: "unknown_reference", path: "/steps/0/reason", message: '"{{nobody.name}}" in step "a" refers to "nobody", which is neither the trigger nor a step.' },
    ]);
    expect(ru.details).toEqual([
      { code: "duplicate_id", path: "/steps/1/id", message: "ID шага «a» встречается дважды." },
      { code: "unknown_reference", path: "/steps/0/reason", message: "«{{nobody.name}}» в шаге «a» ссылается на «nobody», но это не триггер и не шаг." },
    ]);
  });

  it("a 404 and an unknown route", async () => {
    const u = await signUp("lang-404");
    const missing = await inBoth("GET", `/api/v1/w/${u.workspaceId}/bundles/nope`, { token: u.token });
    expect(missing.status).toBe(404);
    expect(missing.en.message).toBe("No such bundle in this workspace.");
    expect(missing.ru.message).toBe("В этом рабочем пространстве нет такой связки.");
    const route = await inBoth("GET", "/api/v1/no-such-thing");
    expect(route.en.message).toBe("No route GET /api/v1/no-such-thing.");
    expect(route.ru.message).toBe("Маршрута GET /api/v1/no-such-thing нет.");
  });

  it("a viewer's 403", async () => {
    const owner = await signUp("lang-owner");
    const viewer = await signUpMember(owner, "viewer", "lang-viewer");
    const { en, ru, status } = await inBoth("POST", `/api/v1/w/${owner.workspaceId}/bundles`, { token: viewer.token, body: manual("by a viewer") });
    expect(status).toBe(403);
    expect(en.message).toBe("This needs the editor role or higher; you are viewer.");
    expect(ru.message).toBe("Для этого нужна роль editor или выше; ваша роль — viewer.");
  });

  it("a quota", async () => {
    const u = await signUp("lang-quota");
    await env.DB.prepare("INSERT INTO workspace_quota (workspace_id, bundles) VALUES (?, 0)").bind(u.workspaceId).run();
    const { en, ru, status } = await inBoth("POST", `/api/v1/w/${u.workspaceId}/bundles`, { token: u.token, body: manual("one too many") });
    expect(status).toBe(403);
    expect(en).toMatchObject({ code: "quota_exceeded", message: "This workspace already has its limit of 0 bundles. Delete one, or ask for a higher limit." });
    expect(ru.message).toBe("В рабочем пространстве уже максимум связок (0). Удалите одну или попросите лимит побольше.");
  });

  it("log-in, a missing token and form fields", async () => {
    const u = await signUp("lang-auth");
    const wrong = await inBoth("POST", "/api/v1/auth/login", { body: { email: u.email, password: "not the password" } });
    expect(wrong).toMatchObject({ status: 401, en: { message: "Wrong email or password.", path: "/password" }, ru: { message: "Неверная почта или пароль." } });
    const anonymous = await inBoth("GET", `/api/v1/w/${u.workspaceId}/bundles`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.ru.message).toBe("Войдите или передайте токен в заголовке Authorization: Bearer.");
    // A message the schema declares, and one zod says by itself (its bundled Russian locale).
    const short = await inBoth("POST", "/api/v1/auth/signup", { body: { email: "short@example.com", password: "1234", workspace_name: "w" } });
    expect(short).toMatchObject({ status: 400, en: { message: "password: Use at least 8 characters.", path: "/password" }, ru: { message: "Поле «password»: Нужно не меньше 8 символов." } });
    const role = await inBoth("POST", `/api/v1/w/${u.workspaceId}/api-keys`, { token: u.token, body: { name: "k", role: "boss" } });
    expect(role.en.path).toBe("/role");
    expect(role.ru.message).toMatch(/^Поле «role»: /);
    expect(role.ru.message).toMatch(cyrillic);
    expect(role.ru.message).not.toBe(role.en.message);
  });

  it("connections: a refused delete, a wrong field, a failed test (stored reason stays English)", async () => {
    const u = await signUp("lang-conn");
    const base = `/api/v1/w/${u.workspaceId}/connections`;
    const connection = await telegramConnection(u, { name: "Alerts", botToken: "999:WRONG-token" });
    await createBundle(u, manual("Uses it", [{ id: "say", kind: "action", app: "telegram", action: "send_message", connection, input: { chat_id: "1", text: "hi" } }]));
    const refused = await inBoth("DELETE", `${base}/${connection}`, { token: u.token });
    expect(refused).toMatchObject({ status: 409, en: { code: "conflict", path: "/id", message: "Bundles use this connection: «Uses it». Change them first." } });
    expect(refused.ru.message).toBe("Это подключение используют связки: «Uses it». Сначала измените их.");

    const missing = await inBoth("POST", base, { token: u.token, body: { app: "keepincrm", name: "x", fields: {} } });
    expect(missing).toMatchObject({ status: 400, en: { path: "/fields/api_key" } });
    expect(missing.en.message).toMatch(/^api_key: /);
    expect(missing.ru.message).toMatch(/^Поле «api_key»: /);
    expect(missing.ru.message.slice("Поле «api_key»: ".length)).toMatch(cyrillic);

    const tested = await call("POST", `${base}/${connection}/test`, { token: u.token, headers: RU });
    expect(tested.json.ok).toBe(false);
    expect(tested.json.error).toMatch(/^Telegram не принял токен бота \(.*\)\. Скопируйте токен у @BotFather ещё раз\.$/);
    const stored = await call("GET", `${base}/${connection}`, { token: u.token, headers: RU });
    expect(stored.json.status_reason).toMatch(/^Telegram rejected the bot token \(/);
  });

  it("a rate-limited sign-up (429)", { timeout: 30_000 }, async () => {
    const from = fromAddress();
    const tag = crypto.randomUUID().slice(0, 8);
    await roomInWindow(60_000, 15_000);
    const body = (i: number) => ({ email: `lang-limit-${tag}-${i}@example.com`, password: "correct horse battery", workspace_name: "w" });
    for (let i = 0; i < 5; i++) expect((await call("POST", "/api/v1/auth/signup", { headers: from, body: body(i) })).status).toBe(201);
    const limited = await inBoth("POST", "/api/v1/auth/signup", { headers: from, body: body(5) });
    expect(limited).toMatchObject({ status: 429, en: { code: "rate_limited", message: "Too many sign-ups from your network. Wait a minute, then try again." } });
    expect(limited.ru.message).toBe("Слишком много регистраций из вашей сети. Подождите минуту и попробуйте снова.");
  });

  it("no test data to load yet (409 no_sample)", async () => {
    const u = await signUp("lang-sample");
    const id = await createBundle(u, webhookBundle({ steps: [{ id: "s", kind: "stop" }] }));
    const { en, ru, status } = await inBoth("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/test-data/load`, { token: u.token });
    expect(status).toBe(409);
    expect(en).toMatchObject({ code: "no_sample", path: "/trigger", message: "No delivery has reached this bundle's URL yet (or its run was deleted by log retention). Send one, then load again." });
    expect(ru.message).toBe("На адрес этой связки ещё ничего не приходило (или запуск удалён по сроку хранения журнала). Отправьте запрос и загрузите снова.");
  });

  it("picks by weight and falls back to English", async () => {
    const u = await signUp("lang-weights");
    const message = async (language: string) => (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/nope`, { token: u.token, headers: { "accept-language": language } })).json.error.message;
    expect(await message("ru")).toBe("В этом рабочем пространстве нет такой связки.");
    expect(await message("de-DE, ru;q=0.5")).toBe("В этом рабочем пространстве нет такой связки.");
    expect(await message("en-US,en;q=0.9,ru;q=0.8")).toBe("No such bundle in this workspace.");
    expect(await message("de-DE")).toBe("No such bundle in this workspace.");
  });
});
