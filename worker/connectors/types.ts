// What a connector declares: its connection fields, triggers and actions, each with zod
// schemas and labels in English and Russian. The dashboard builds its forms from these
// declarations (GET /api/v1/apps), and the engine calls `run`, so a new connector touches
// neither the UI nor the engine.
import type { z } from "zod";
import { TextError, type Text } from "../i18n/text";

export interface Label {
  en: string;
  ru: string;
}

export interface ConnectorErrorOptions {
  /** Timeouts, 429, 5xx, network errors: the engine may retry (durably, after `retryAfterSeconds`). */
  transient?: boolean;
  retryAfterSeconds?: number;
  /** The service's HTTP status, when there was one. */
  status?: number;
  /** A stable machine code, e.g. "not_found", "rate_limited", "ssrf_blocked", "auth_failed". */
  code?: string;
}

/**
 * A failure a user can act on. `transient` failures (timeouts, 429, 5xx) may be retried.
 * Our own messages are { en, ru } pairs (decision 0017): `message` is the English (run logs,
 * stored reasons), `text` both, for answers to a person (connection test, OAuth, linking).
 * A plain string is English only: the service's own words, or not translated yet.
 */
export class ConnectorError extends TextError {
  constructor(
    message: string | Text,
    readonly options: ConnectorErrorOptions = {},
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

/** The one HTTP helper every connector uses (timeouts, rate limit, retries, SSRF guard, redacted log). */
export interface HttpClient {
  /**
   * Sends one request. Returns every 1xx–4xx response (except 429) for the connector to
   * interpret; throws a transient ConnectorError on 429, 5xx, timeouts and network errors,
   * and a permanent one when the URL is refused (SSRF guard, too many redirects).
   */
  request(req: HttpRequest): Promise<HttpResponse>;
}

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  url: string;
  headers?: Record<string, string>;
  /** Appended to the URL; undefined/null values are left out, arrays repeat the key. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON unless `form` or `rawBody` is given. */
  json?: unknown;
  form?: Record<string, string>;
  rawBody?: string;
  /** Header names whose values are secret: kept out of logs (Authorization is always). */
  secretHeaders?: string[];
  timeoutMs?: number;
  /** The service's name for messages and the log ("amoCRM"); defaults to the client's `service` or the host. */
  service?: string;
  /** Per-account rate limit, enforced by the client's limiter before the request is sent. */
  rateLimit?: { key: string; perSecond: number };
  /** Seconds to wait read from a 429/503 body (Telegram's `parameters.retry_after`); else the Retry-After header. */
  retryAfterFrom?(res: HttpResponse): number | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty (e.g. 204). */
  body: unknown;
  /** The URL that answered (after redirects). */
  url: string;
}

/** Where connectors keep state between calls, e.g. a refreshed OAuth token (stored encrypted). */
export interface ConnectionStore {
  /** Replaces some fields of the connection (e.g. new access/refresh tokens). */
  update(fields: Record<string, string>): Promise<void>;
  /**
   * Runs `fn` while no other run holds this connection's refresh lock, with the fields as
   * stored now (another run may have refreshed the tokens meanwhile). Absent where there is
   * nothing to share (tests, one-off calls).
   */
  exclusive?<T>(fn: (latest: Record<string, unknown>) => Promise<T>): Promise<T>;
}

/** What every connector call gets: the connection's fields (secrets decrypted), HTTP, the store. */
export interface ConnectorContext<Connection> {
  /** The stored fields as they are (connectors parse them with their schema, defaults applied). */
  connection: Connection;
  http: HttpClient;
  store: ConnectionStore;
}

export interface ActionContext<Input, Connection> extends ConnectorContext<Connection> {
  input: Input;
  /** Notes for the step log (never secrets), in every language when they have words to translate. */
  log(message: string | Text): void;
}

export interface ActionDeclaration<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject, Connection = any> {
  label: Label;
  help: Label;
  input: Input;
  /** What `run` returns; the engine adds `$ok`, `$error`, `$status` to every output. */
  output: Output;
  /**
   * For actions that create a record: how the engine's dedup (issue 5) finds and updates
   * existing ones. Absent = the action does not accept `dedup`.
   */
  dedup?: DedupSupport<z.infer<Input>, Connection>;
  run(ctx: ActionContext<z.infer<Input>, Connection>): Promise<z.infer<Output>>;
}

export interface DedupSupport<Input, Connection> {
  /** The input fields that can be matched on, with how to normalise them. */
  keys: Record<string, "phone" | "email" | "text">;
  /**
   * Finds an existing record matching any of the given values (`{phone: "+7912…"}`); the
   * connector compares normalised values itself, so a loose search hit is not a match.
   */
  find(ctx: ActionContext<Input, Connection>, match: Record<string, string>): Promise<{ id: string; record: unknown } | undefined>;
  /** Updates the found record without wiping anything (phones/emails merged); returns the action's output. */
  update(ctx: ActionContext<Input, Connection>, id: string, fields: Partial<Input>): Promise<unknown>;
}

export interface TriggerDeclaration {
  label: Label;
  help: Label;
  kind: "instant" | "polling" | "schedule" | "manual" | "chained";
  /** Whether the bundle must name a connection of this app for the trigger (e.g. VK, Sheets). */
  needsConnection?: boolean;
  options?: z.ZodObject;
  output?: z.ZodObject;
}

export interface ConnectionDeclaration<Connection extends z.ZodObject = z.ZodObject> {
  /** Connection fields; the names are part of the API contract. */
  fields: Connection;
  /** Fields that are write-only: encrypted at rest, never returned or logged. */
  secret: string[];
  /** Fields the connector writes itself through `store.update` (e.g. token expiry), not asked in forms. */
  managed?: string[];
  /** Checks the credentials against the service (a cheap call). Throws ConnectorError. */
  test(ctx: ConnectorContext<z.infer<Connection>>): Promise<void>;
  /** The OAuth 2.0 authorization-code flow, when the app can be connected that way. */
  oauth?: OAuthFlow;
}

/** How an app is connected by sending the user to the service to authorise (connections/oauth-connect.ts). */
export interface OAuthFlow {
  /** The connection fields the user fills before the redirect (GET /apps `oauth.fields`). */
  fields: string[];
  /** Those of `fields` that must be given. */
  required: string[];
  /** Where to send the user's browser. */
  authorizeUrl(fields: Record<string, string>, params: { state: string; redirectUri: string }): string;
  /**
   * Trades the authorization code for tokens. `callback` is the query the service redirected
   * with (amoCRM names the chosen account in `referer`). Returns the connection fields to
   * store on top of `fields` (tokens, expiry, account URL).
   */
  exchange(ctx: { http: HttpClient; fields: Record<string, string>; code: string; redirectUri: string; callback: URLSearchParams }): Promise<Record<string, string>>;
}

export interface ConnectorDeclaration<Connection extends z.ZodObject = z.ZodObject> {
  app: string;
  label: Label;
  help: Label;
  connection?: ConnectionDeclaration<Connection>;
  triggers: Record<string, TriggerDeclaration>;
  actions: Record<string, ActionDeclaration<z.ZodObject, z.ZodObject, z.infer<Connection>>>;
}
