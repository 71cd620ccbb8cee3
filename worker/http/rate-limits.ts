// The doors with request limits, and how each is counted (docs/reliability.md, decision 0014).
// Webhook URLs are limited per URL in the workspace's run ledger (worker/runs/delivery-buckets.ts).
// Periods must match the [[ratelimits]] bindings in wrangler.toml.
import { bodyEmail, clientAddress, rateLimit, type RateLimitRule } from "./rate-limit";

const LOGIN_MESSAGE = { en: "Too many log-in attempts. Wait a minute, then try again.", ru: "Слишком много попыток входа. Подождите минуту и попробуйте снова." };

/**
 * Log-in, per account and client address: guesses at one account from one address are capped,
 * while the account's owner, elsewhere, still gets in (a limit per account alone let anyone
 * lock any known email out).
 */
export const loginRateLimit = rateLimit({
  limiter: (c) => c.env.LOGIN_RATE_LIMIT,
  periodSeconds: 60,
  keys: async (c) => {
    const [ip, email] = [clientAddress(c), await bodyEmail(c)];
    return [ip && email ? `login:${email}|${ip}` : undefined];
  },
  message: LOGIN_MESSAGE,
});

/** Log-in, per client address: one address trying many accounts (a higher limit: offices share an address). */
export const loginAddressRateLimit = rateLimit({
  limiter: (c) => c.env.LOGIN_ADDRESS_RATE_LIMIT,
  periodSeconds: 60,
  keys: (c) => [ipKey(clientAddress(c))],
  message: LOGIN_MESSAGE,
});

/** Sign-up: per client address. */
export const signupRateLimit = rateLimit({
  limiter: (c) => c.env.SIGNUP_RATE_LIMIT,
  periodSeconds: 60,
  keys: (c) => [ipKey(clientAddress(c))],
  message: { en: "Too many sign-ups from your network. Wait a minute, then try again.", ru: "Слишком много регистраций из вашей сети. Подождите минуту и попробуйте снова." },
});

/**
 * Share-token lookups (GET /api/v1/shares/:token, /embed/:token, /shares/use), counted together
 * per client address against enumeration; checked in the handlers (routes/shares.ts).
 */
export const shareLookupRule: RateLimitRule = {
  limiter: (c) => c.env.SHARE_RATE_LIMIT,
  periodSeconds: 60,
  keys: (c) => [ipKey(clientAddress(c))],
  message: { en: "Too many share link lookups from your address. Wait a minute and try again.", ru: "Слишком много обращений к ссылкам для просмотра с вашего адреса. Подождите минуту и попробуйте снова." },
};

const ipKey = (ip: string | undefined) => (ip ? `ip:${ip}` : undefined);
