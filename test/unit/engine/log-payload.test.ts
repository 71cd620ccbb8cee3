import { describe, expect, it } from "vitest";
import { capForLog, forLog } from "../../../worker/engine/log-payload";

describe("step log payloads", () => {
  it("redacts before capping, so a truncated preview holds no secret", () => {
    const logged = forLog({ note: "key=sk_live_1234 ".repeat(10), session: "s-1" }, ["sk_live_1234"]) as Record<string, string>;
    expect(logged.session).toBe("••••");
    expect(JSON.stringify(logged)).not.toContain("sk_live_1234");
    const capped = capForLog(forLog({ text: "sk_live_1234".repeat(10) }, ["sk_live_1234"]), 20) as { preview: string };
    expect(capped.preview).not.toContain("sk_live");
  });

  it("truncate large values with a marker instead of dropping them", () => {
    const big = { rows: "x".repeat(100) };
    const capped = capForLog(big, 50) as { $truncated: boolean; bytes: number; preview: string };
    expect(capped.$truncated).toBe(true);
    expect(capped.bytes).toBe(JSON.stringify(big).length);
    expect(capped.preview).toHaveLength(50);
    expect(capForLog({ small: 1 }, 50)).toEqual({ small: 1 });
  });

  it("caps by UTF-8 bytes: Russian text is two bytes a letter", () => {
    const russian = { note: "я".repeat(40) }; // 51 characters of JSON, 91 bytes
    const capped = capForLog(russian, 60) as { $truncated: boolean; bytes: number; preview: string };
    expect(capped).toMatchObject({ $truncated: true, bytes: 91 });
    expect(new TextEncoder().encode(capped.preview).length).toBeLessThanOrEqual(60);
    expect(capped.preview).toBe(`{"note":"${"я".repeat(25)}`);
    expect(capForLog(russian, 100)).toEqual(russian);
  });

  it("logs undefined as null and keeps short values as they are", () => {
    expect(forLog(undefined, [])).toBeNull();
    expect(forLog({ a: [1, 2] }, [])).toEqual({ a: [1, 2] });
  });
});
