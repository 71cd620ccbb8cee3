import { describe, expect, it } from "vitest";
import { capForLog, forLog, redact, secretsUnderKeys } from "../../../worker/engine/log-payload";

describe("step log payloads", () => {
  it("redact connection secrets wherever they appear, and values under secret-looking keys", () => {
    const logged = redact(
      { url: "https://api.telegram.org/bot123:ABCsecret/sendMessage", headers: { Authorization: "Bearer xyz" }, nested: [{ password: "p" }], text: "hi" },
      ["123:ABCsecret"],
    );
    expect(logged).toEqual({
      url: "https://api.telegram.org/bot••••/sendMessage",
      headers: { Authorization: "••••" },
      nested: [{ password: "••••" }],
      text: "hi",
    });
  });

  it("mask everything under a secret-looking key, and name those values as the run's secrets", () => {
    const trigger = { name: "Ann", $query: { token: "t-1", tokens: ["t-2", { v: "t-3" }] }, form: { password: "p-4" } };
    expect(redact(trigger, [])).toEqual({ name: "Ann", $query: { token: "••••", tokens: ["••••", { v: "••••" }] }, form: { password: "••••" } });
    expect(secretsUnderKeys(trigger)).toEqual(["t-1", "t-2", "t-3", "p-4"]);
  });

  it("truncate large values with a marker instead of dropping them", () => {
    const big = { rows: "x".repeat(100) };
    const capped = capForLog(big, 50) as { $truncated: boolean; bytes: number; preview: string };
    expect(capped.$truncated).toBe(true);
    expect(capped.bytes).toBe(JSON.stringify(big).length);
    expect(capped.preview).toHaveLength(50);
    expect(capForLog({ small: 1 }, 50)).toEqual({ small: 1 });
  });

  it("logs undefined as null and keeps short values as they are", () => {
    expect(forLog(undefined, [])).toBeNull();
    expect(forLog({ a: [1, 2] }, [])).toEqual({ a: [1, 2] });
  });
});
