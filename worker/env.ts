// The Worker's bindings. What wrangler.toml declares is generated from it into
// worker-configuration.d.ts (`npm run types`; CI fails when that file is out of date) as the
// global WranglerEnv; what is set outside wrangler.toml, secrets and optional vars, is here.
// A leaf: it imports nothing, so no module pulls in Durable Object classes to type Env.
export interface Env extends WranglerEnv {
  /** Signs session cookies (better-auth). Secret. */
  BETTER_AUTH_SECRET: string;
  /** Base64 AES-256 key for connection secrets. Secret. */
  ENCRYPTION_KEY: string;
  /** The previous ENCRYPTION_KEY during a key rotation: still decrypts, never encrypts. Secret. */
  ENCRYPTION_KEY_PREVIOUS?: string;
  /** Opens the operator routes (/api/v1/internal/keys: key rotation) to `Bearer <token>`; unset, they answer 404. Secret. */
  OPERATOR_TOKEN?: string;
  /** The public origin, e.g. https://svyazka.example.com; local default http://localhost:8787. */
  PUBLIC_URL?: string;
}
