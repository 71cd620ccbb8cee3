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

  it("logs undefined as null and keeps short values as they are", () => {
    expect(forLog(undefined, [])).toBeNull();
    expect(forLog({ a: [1, 2] }, [])).toEqual({ a: [1, 2] });
  });
});
