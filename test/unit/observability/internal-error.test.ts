// The one mapping of unexpected errors: the user gets an id, the log gets the detail under
// that id with the failed query's parameters and the given secrets masked.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { expect, it, vi } from "vitest";
import { internalError } from "../../../worker/observability/internal-error";

it("logs the detail under the id it tells the user, masking query parameters and secrets", () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  const failed = new DrizzleQueryError('select "fields" from "connection" where "token" = ?', ["tok-9f8e7d-param"], new Error("D1_ERROR: disk I/O error with key-1a2b3c4d"));
  const { id, text } = (() => {
    try {
      return internalError(failed, "amocrm.find_contact", ["key-1a2b3c4d"]);
    } finally {
      spy.mockRestore();
    }
  })();
  expect(id).toMatch(/^[0-9a-f]{12}$/);
  expect(text.en).toBe(`Something went wrong on our side (error id ${id}). Try again; if it keeps happening, tell us this id.`);
  expect(text.ru).toContain(`(код ошибки ${id})`);
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0]);
  expect(line).toMatchObject({ level: "error", event: "internal_error", error_id: id, where: "amocrm.find_contact" });
  expect(line.detail).toContain('Failed query: select "fields" from "connection" where "token" = ?');
  expect(line.detail).toContain("caused by: Error: D1_ERROR: disk I/O error with ••••");
  expect(lines[0]).not.toContain("tok-9f8e7d-param");
  expect(lines[0]).not.toContain("key-1a2b3c4d");
});

it("masks the given secrets in every cause of the chain", () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  try {
    internalError(new Error("outer sess-0a1b2c", { cause: new Error("inner sig-3d4e5f") }), "test", ["sess-0a1b2c", "sig-3d4e5f"]);
  } finally {
    spy.mockRestore();
  }
  const detail: string = JSON.parse(lines[0]).detail;
  expect(detail).toContain("Error: outer ••••");
  expect(detail).toContain("caused by: Error: inner ••••");
  expect(lines[0]).not.toMatch(/sess-0a1b2c|sig-3d4e5f/);
});
