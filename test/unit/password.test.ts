import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../worker/auth/password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(await verifyPassword({ hash, password: "correct horse" })).toBe(true);
    expect(await verifyPassword({ hash, password: "correct horsE" })).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses hashes in a format it does not know", async () => {
    expect(await verifyPassword({ hash: "scrypt$abc", password: "x" })).toBe(false);
  });
});
