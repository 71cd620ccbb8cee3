import { describe, expect, it } from "vitest";
import { normalise, normalisePhone } from "../../worker/dedup/normalise";

describe("match value normalisation", () => {
  it.each([
    ["+7 912 345-67-89", "+79123456789"],
    ["8 (912) 345 67 89", "+79123456789"],
    ["9123456789", "+79123456789"],
    ["+7(912)3456789", "+79123456789"],
  ])("a Russian phone written as %s is %s", (input, e164) => {
    expect(normalisePhone(input, "RU")).toBe(e164);
  });

  it("uses the workspace's default country for numbers without one", () => {
    expect(normalisePhone("067 123 4567", "UA")).toBe("+380671234567");
    expect(normalisePhone("+380 67 123 4567", "RU")).toBe("+380671234567");
  });

  it("trims and lower-cases emails; empty values stay empty and never match", () => {
    expect(normalise("email", "  Anna@Example.COM ", "RU")).toBe("anna@example.com");
    expect(normalise("phone", "   ", "RU")).toBe("");
    expect(normalise("email", undefined, "RU")).toBe("");
  });
});
