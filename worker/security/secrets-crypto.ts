// Connection secrets at rest: a JSON object of secret fields encrypted with AES-256-GCM under
// ENCRYPTION_KEY (base64 of 32 bytes), as `v1.<keyId>.<iv>.<ciphertext>` (base64url parts).
// keyId is the first 8 hex digits of SHA-256 of the key, so after a rotation (old key moved
// to ENCRYPTION_KEY_PREVIOUS) old values still decrypt and `needsReencrypt` finds them.
// The header `v1.<keyId>` is authenticated as additional data: changing any part fails.
import { base64ToBytes } from "../bytes/base64";
import { fromBase64Url, toBase64Url } from "../bytes/base64url";
import { bytesToHex } from "../bytes/hex";
import { randomBytes } from "../bytes/random";
import { sha256 } from "../bytes/sha256";
import { utf8Bytes, utf8Text } from "../bytes/utf8";

export interface SecretKeys {
  ENCRYPTION_KEY: string;
  /** The key before the last rotation; values under it decrypt until re-encrypted. */
  ENCRYPTION_KEY_PREVIOUS?: string;
}

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsError";
  }
}

const VERSION = "v1";

interface Key {
  id: string;
  key: CryptoKey;
}

const imported = new Map<string, Promise<Key>>();

export async function encryptSecrets(env: SecretKeys, secrets: Record<string, unknown>): Promise<string> {
  const { id, key } = await importKey(env.ENCRYPTION_KEY, "ENCRYPTION_KEY");
  const iv = randomBytes(12);
  const header = `${VERSION}.${id}`;
  const plaintext = utf8Bytes(JSON.stringify(secrets));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8Bytes(header) }, key, plaintext);
  return `${header}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

export async function decryptSecrets(env: SecretKeys, value: string): Promise<Record<string, unknown>> {
  const { keyId, iv, ciphertext, header } = parse(value);
  const key = (await keys(env)).find((k) => k.id === keyId);
  if (!key) {
    throw new SecretsError(`These secrets were encrypted under key ${keyId}, which is neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS.`);
  }
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: utf8Bytes(header) }, key.key, ciphertext);
  } catch {
    throw new SecretsError("The encrypted secrets are damaged or were changed: they fail authentication.");
  }
  const parsed: unknown = JSON.parse(utf8Text(plaintext));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new SecretsError("The decrypted secrets are not an object.");
  return parsed as Record<string, unknown>;
}

/** True when the value is under an older key (or format) and should be encrypted again. */
export async function needsReencrypt(env: SecretKeys, value: string): Promise<boolean> {
  const { keyId } = parse(value);
  return keyId !== (await importKey(env.ENCRYPTION_KEY, "ENCRYPTION_KEY")).id;
}

/** The value under the current key: itself when it already is, re-encrypted otherwise. */
export async function reencryptSecrets(env: SecretKeys, value: string): Promise<string> {
  return (await needsReencrypt(env, value)) ? encryptSecrets(env, await decryptSecrets(env, value)) : value;
}

/** The id written into values encrypted under this key (first 8 hex of its SHA-256). */
export async function encryptionKeyId(base64Key: string): Promise<string> {
  return (await importKey(base64Key, "key")).id;
}

/** How every value encrypted under the key with this id begins, for counting them without decrypting. */
export function encryptedPrefix(keyId: string): string {
  return `${VERSION}.${keyId}.`;
}

function parse(value: string) {
  const parts = value.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION || !/^[0-9a-f]{8}$/.test(parts[1])) {
    throw new SecretsError("The encrypted secrets are not in the v1.<keyId>.<iv>.<ciphertext> format.");
  }
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(parts[2] + parts[3])) throw new Error("not base64url");
    return { header: `${parts[0]}.${parts[1]}`, keyId: parts[1], iv: fromBase64Url(parts[2]), ciphertext: fromBase64Url(parts[3]) };
  } catch {
    throw new SecretsError("The encrypted secrets are not valid base64url.");
  }
}

async function keys(env: SecretKeys): Promise<Key[]> {
  const list = [await importKey(env.ENCRYPTION_KEY, "ENCRYPTION_KEY")];
  if (env.ENCRYPTION_KEY_PREVIOUS) list.push(await importKey(env.ENCRYPTION_KEY_PREVIOUS, "ENCRYPTION_KEY_PREVIOUS"));
  return list;
}

function importKey(base64Key: string | undefined, name: string): Promise<Key> {
  if (!base64Key) return Promise.reject(new SecretsError(`${name} is not set: it must be base64 of 32 random bytes.`));
  let pending = imported.get(base64Key);
  if (!pending) {
    pending = (async () => {
      let raw: Uint8Array<ArrayBuffer>;
      try {
        raw = base64ToBytes(base64Key.trim());
      } catch {
        throw new SecretsError(`${name} is not valid base64.`);
      }
      if (raw.length !== 32) throw new SecretsError(`${name} must be base64 of 32 bytes, not ${raw.length}.`);
      const id = bytesToHex((await sha256(raw)).slice(0, 4));
      const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
      return { id, key };
    })();
    pending.catch(() => imported.delete(base64Key));
    imported.set(base64Key, pending);
  }
  return pending;
}
