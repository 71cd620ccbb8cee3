// The HTTP client connectors get inside this Worker: SSRF guard per the deployment, and
// rate limits shared by every run through the ConnectorRateLimit Durable Object.
import { createHttpClient, type HttpExchange } from "../connectors/http-client";
import { durableRateLimiter } from "../connectors/rate-limit-object";
import type { HttpClient } from "../connectors/types";
import type { Env } from "../env";

export function httpClientFor(env: Env, log?: (line: string) => void, exchange?: (e: HttpExchange) => void): HttpClient {
  return createHttpClient({
    allowPrivateNetwork: env.ALLOW_PRIVATE_NETWORK === "true",
    limiter: durableRateLimiter(env.CONNECTOR_RATE_LIMIT),
    log,
    exchange,
  });
}
