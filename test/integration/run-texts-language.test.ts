// A run's own texts — step notes, step errors, the run's error — are stored in both languages
// and read in the caller's (decision 0030): English without Accept-Language, Russian with `ru`.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { createBundle, manualBundle } from "./support/bundles";
import { forceRun, waitForRun } from "./support/runs";
import { signUp } from "./support/workspace";

const RU = { "accept-language": "ru-RU,ru;q=0.9" };
const cyrillic = /[а-яё]/i;

const failing = manualBundle({
  name: "Notes and errors",
  sample: { name: "Ann" },
  steps: [
    { id: "ask", kind: "action", app: "http", action: "request", input: { method: "GET", url: "http://echo.fake/hello?x={{start.missing}}" } },
    { id: "fail", kind: "action", app: "http", action: "request", input: { method: "GET", url: "http://keepincrm.fake/no-such-endpoint" } },
  ],
});

describe("a run's texts in the reader's language", () => {
  it("notes, the step's error and the run's error come in English by default and in Russian for ru", async () => {
    const u = await signUp("run-texts");
    const bundleId = await createBundle(u, failing);
    const runId = await forceRun(u, bundleId);
    const en = await waitForRun(u, runId);
    const ru = (await call("GET", `/api/v1/w/${u.workspaceId}/runs/${runId}`, { token: u.token, headers: RU })).json;

    expect(en.status).toBe("failed");
    const [askEn, failEn] = en.steps;
    const [askRu, failRu] = ru.steps;
    expect(askEn.notes[0]).toBe("empty: {{start.missing}} resolved to nothing");
    expect(askRu.notes[0]).toBe("пусто: {{start.missing}} не дал значения");
    expect(askEn.notes[1]).toMatch(/^GET http:\/\/echo\.fake\/hello\?x= → 200 in \d+ ms$/);
    expect(askRu.notes[1]).toMatch(/^GET http:\/\/echo\.fake\/hello\?x= → 200 за \d+ мс$/);

    expect(failEn.error).toMatch(/^The server answered HTTP 4\d\d/);
    expect(failRu.error).toMatch(/^Сервер ответил HTTP 4\d\d/);
    expect(en.error).toBe(`Step "fail" failed: ${failEn.error}`);
    expect(ru.error).toBe(`Шаг «fail» не выполнен: ${failRu.error}`);

    // The list says it the same way; nothing of our words is left in English for ru.
    const [listed] = (await call("GET", `/api/v1/w/${u.workspaceId}/runs?bundle_id=${bundleId}`, { token: u.token, headers: RU })).json.items;
    expect(listed.error).toBe(ru.error);
    for (const text of [...askRu.notes, ...failRu.notes, ru.error]) expect(text).toMatch(cyrillic);
  });
});
