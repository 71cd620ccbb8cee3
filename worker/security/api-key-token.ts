// Workspace API keys: `svk_` + 32 random bytes (base64url). High entropy, so a plain
// SHA-256 is enough to store them; a slow hash would only burn CPU on every request.
export const API_KEY_PREFIX = "svk_";

export function generateApiKey(): { key: string; prefix: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const body = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const key = API_KEY_PREFIX + body;
  return { key, prefix: key.slice(0, 12) };
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}
