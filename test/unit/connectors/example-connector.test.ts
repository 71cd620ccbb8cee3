// The example of docs/connectors.md ("Write a connector"): the doc shows the file as it is,
// the catalogue reads it like any connector, and its action and connection test work
// against an in-memory Notes.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import doc from "../../../docs/connectors.md?raw";
import exampleSource from "../../fixtures/example-connector/index.ts?raw";
import { notes as declared } from "../../fixtures/example-connector";
import { catalogueEntry, listConnectors } from "../../../worker/connectors/catalogue";
import { createHttpClient } from "../../../worker/connectors/http-client";
import { ConnectorError, type ConnectorDeclaration } from "../../../worker/connectors/types";

/** Held as the catalogue holds every connector. */
const notes = declared as ConnectorDeclaration;

const MARKER = "<!-- example: test/fixtures/example-connector/index.ts -->";

/** The ```ts block right after the marker line. */
function docExample(): string {
  const at = doc.indexOf(MARKER);
  expect(at, "marker in docs/connectors.md").toBeGreaterThan(-1);
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(doc.slice(at + MARKER.length));
  expect(block, "a ```ts block after the marker").not.toBeNull();
  return block![1];
}

/** Notes as its API docs describe it: Bearer key, GET /v1/me, POST /v1/notes → 201 {id, url}. */
function fakeNotes() {
  const saved: unknown[] = [];
  const app = new Hono();
  app.use(async (c, next) => (c.req.header("authorization") === "Bearer key-1" ? next() : c.json({ error: "unauthorized" }, 401)));
  app.get("/v1/me", (c) => c.json({ name: "Test account" }));
  app.post("/v1/notes", async (c) => {
    saved.push(await c.req.json());
    return c.json({ id: saved.length, url: `https://notes.example/n/${saved.length}` }, 201);
  });
  const http = createHttpClient({ fetch: async (url, init) => app.fetch(new Request(url, init)) });
  return { saved, http };
}

function context(connection: Record<string, unknown>, input: Record<string, unknown> = {}) {
  const { saved, http } = fakeNotes();
  const action = notes.actions.create_note;
  const ctx = { connection, http, store: { update: async () => {} }, log: () => {} };
  return { saved, ctx, run: () => action.run({ ...ctx, input: action.input.parse(input) }) };
}

describe("the example connector", () => {
  it("is in docs/connectors.md as it is in the file", () => {
    expect(docExample()).toBe(exampleSource);
  });

  it("reads in the catalogue like the real connectors: labels in both languages, the key write-only, $ok on the output", () => {
    const entry = catalogueEntry(notes);
    expect(listConnectors().map((c) => c.app)).not.toContain(entry.app);
    const keys = entry.connection!.schema.properties as Record<string, any>;
    expect(keys.api_key).toMatchObject({ writeOnly: true, "x-label": { en: "API key", ru: "API-ключ" } });
    expect(keys.base_url.default).toBe("https://api.notes.example");
    const action = entry.actions.find((a) => a.action === "create_note")!;
    expect(action.input.required).toEqual(["title"]);
    for (const schema of Object.values({ ...(action.input.properties as object), ...keys }) as Array<{ "x-label": { en: string; ru: string } }>) {
      expect(schema["x-label"].en).toBeTruthy();
      expect(schema["x-label"].ru).toMatch(/[а-яё]/i);
    }
    expect(Object.keys(action.output.properties as object)).toEqual(["id", "url", "$ok", "$error", "$status"]);
  });

  it("saves a note, leaving an empty text out", async () => {
    const { saved, run } = context({ api_key: "key-1", base_url: "https://notes.test" }, { title: "Order 42", text: "" });
    expect(await run()).toEqual({ id: "1", url: "https://notes.example/n/1" });
    expect(saved).toEqual([{ title: "Order 42" }]);
  });

  it("turns a refused key into an auth_failed error with a Russian text, in the action and the connection test", async () => {
    const { ctx, run } = context({ api_key: "wrong", base_url: "https://notes.test" }, { title: "x" });
    await expect(run()).rejects.toMatchObject({ options: { code: "auth_failed", status: 401 } });
    const refused = await notes.connection!.test(ctx).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConnectorError);
    expect(refused).toMatchObject({ text: { en: "Notes refused the API key.", ru: "Notes не принял API-ключ." } });
    await expect(notes.connection!.test(context({ api_key: "key-1", base_url: "https://notes.test" }).ctx)).resolves.toBeUndefined();
  });

  it("refuses an incomplete connection before calling anything", async () => {
    const { saved, run } = context({ base_url: "https://notes.test" }, { title: "x" });
    await expect(run()).rejects.toMatchObject({ options: { code: "connection_invalid" } });
    expect(saved).toEqual([]);
  });
});
