// The HTTP client connectors get inside this Worker: SSRF guard per the deployment (names
// resolved over DNS-over-HTTPS at DNS_RESOLVER_URL), and rate limits shared by every run
// through the ConnectorRateLimit Durable Object.
import { createHttpClient, type HttpExchange } from "../connectors/http-client";
import { durableRateLimiter } from "../connectors/rate-limit-object";
import type { HttpClient } from "../connectors/types";
import { DEFAULT_DNS_RESOLVER_URL, dohResolver } from "../connectors/dns-over-https";
import type { Env } from "../env";
import type { Text } from "../i18n/text";

export function httpClientFor(env: Env, log?: (line: Text) => void, exchange?: (e: HttpExchange) => void, beforeSend?: () => Promise<void>): HttpClient {
  return createHttpClient({
    allowPrivateNetwork: env.ALLOW_PRIVATE_NETWORK === "true",
    resolve: dohResolver(env.DNS_RESOLVER_URL || DEFAULT_DNS_RESOLVER_URL),
    limiter: durableRateLimiter(env.CONNECTOR_RATE_LIMIT),
    log,
    exchange,
    beforeSend,
  });
}
