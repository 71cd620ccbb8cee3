import { describe, expect, it } from "vitest";
import { decryptSecrets, encryptSecrets, encryptionKeyId, needsReencrypt, reencryptSecrets, SecretsError } from "../../../worker/security/secrets-crypto";

const KEY_A = btoa("0123456789abcdef0123456789abcdef");
const KEY_B = btoa("fedcba9876543210fedcba9876543210");
const secrets = { api_key: "s3cr3t", refresh_token: "рефреш-токен" };

describe("secrets at rest", () => {
  it("round-trips an object as v1.<keyId>.<iv>.<ciphertext>, with a fresh IV each time", async () => {
    const env = { ENCRYPTION_KEY: KEY_A };
    const a = await encryptSecrets(env, secrets);
    const b = await encryptSecrets(env, secrets);
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a.split(".")[1]).toBe(await encryptionKeyId(KEY_A));
    expect(a).not.toBe(b);
    expect(a).not.toContain("s3cr3t");
    expect(await decryptSecrets(env, a)).toEqual(secrets);
  });

  it("fails on any tampering, including the header", async () => {
    const env = { ENCRYPTION_KEY: KEY_A };
    const value = await encryptSecrets(env, secrets);
    const [v, id, iv, ct] = value.split(".");
    const flip = (s: string) => (s[5] === "A" ? s.slice(0, 5) + "B" + s.slice(6) : s.slice(0, 5) + "A" + s.slice(6));
    for (const bad of [`${v}.${id}.${iv}.${flip(ct)}`, `${v}.${id}.${flip(iv)}.${ct}`, `${v}.${id}.${iv}.${ct.slice(0, -4)}`]) {
      await expect(decryptSecrets(env, bad)).rejects.toThrow(/damaged or were changed/);
    }
    await expect(decryptSecrets(env, `v2.${id}.${iv}.${ct}`)).rejects.toThrow(/format/);
    await expect(decryptSecrets(env, "garbage")).rejects.toBeInstanceOf(SecretsError);
  });

  it("refuses a value from another key", async () => {
    const value = await encryptSecrets({ ENCRYPTION_KEY: KEY_A }, secrets);
    await expect(decryptSecrets({ ENCRYPTION_KEY: KEY_B }, value)).rejects.toThrow(/neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS/);
  });

  it("rotates: old values decrypt under ENCRYPTION_KEY_PREVIOUS and are flagged for re-encryption", async () => {
    const old = await encryptSecrets({ ENCRYPTION_KEY: KEY_A }, secrets);
    const rotated = { ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A };
    expect(await decryptSecrets(rotated, old)).toEqual(secrets);
    expect(await needsReencrypt(rotated, old)).toBe(true);
    const fresh = await reencryptSecrets(rotated, old);
    expect(await needsReencrypt(rotated, fresh)).toBe(false);
    expect(await reencryptSecrets(rotated, fresh)).toBe(fresh);
    expect(await decryptSecrets({ ENCRYPTION_KEY: KEY_B }, fresh)).toEqual(secrets);
  });

  it("explains a missing or malformed key", async () => {
    await expect(encryptSecrets({ ENCRYPTION_KEY: "" }, secrets)).rejects.toThrow(/ENCRYPTION_KEY is not set/);
    await expect(encryptSecrets({ ENCRYPTION_KEY: btoa("short") }, secrets)).rejects.toThrow(/32 bytes, not 5/);
    await expect(encryptSecrets({ ENCRYPTION_KEY: "!!!" }, secrets)).rejects.toThrow(/not valid base64/);
  });
});
