// The end-to-end bench subtracts the time a step spent in outside services, read from the
// HTTP lines the engine writes into the step's notes (worker/connectors/http-client.ts).
import { describe, expect, it } from "vitest";
import { httpMs, type StepLog } from "../../../bench/lib/runs";

const step = (notes: string[]): StepLog => ({ id: "s", status: "ok", output: null, notes, started_at: "2026-11-23T00:00:00Z", duration_ms: 50 });

describe("time a step spent in HTTP", () => {
  it("sums the milliseconds of every exchange, redirects and failures included", () => {
    const notes = [
      "GET http://127.0.0.1:8901/api/v4/contacts?query=%2B79120000001 → 204 in 3 ms",
      "POST http://127.0.0.1:8901/api/v4/contacts → 200 in 12 ms",
      "GET http://127.0.0.1:8901/old → 301 redirect in 1 ms",
      "POST http://127.0.0.1:8905/bot••••/sendMessage → failed in 7 ms",
    ];
    expect(httpMs(step(notes))).toBe(23);
  });

  it("ignores notes that are not HTTP lines", () => {
    expect(httpMs(step(["{{lead.email}} resolved to nothing", "found by phone in memory"]))).toBe(0);
  });
});
