// The Hono app: middleware and route mounting, nothing else.
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./http/context";
import { detectLocale } from "./i18n/locale";
import { emptyJsonBodyAsObject } from "./http/empty-body";
import { internalError } from "./observability/internal-error";
import { ApiError, apiErrorOf, errorResponse } from "./http/errors";
import { METER_PATH, meterRoute } from "./meter";
import { noRoute } from "./http/messages";
import { loginAddressRateLimit, loginRateLimit, signupRateLimit } from "./http/rate-limits";
import { newRouter } from "./http/router";
import { apiKeyRoutes } from "./routes/api-keys";
import { appRoutes } from "./routes/apps";
import { auditRoutes } from "./routes/audit";
import { authRoutes } from "./routes/auth";
import { connectionOAuthRoutes } from "./routes/connection-oauth";
import { connectionRoutes } from "./routes/connections";
import { embedRoutes } from "./routes/embed";
import { bundleTransferRoutes } from "./routes/bundle-transfer";
import { bundleRoutes } from "./routes/bundles";
import { bundleStatsRoutes } from "./routes/bundle-stats";
import { bundleStepTestRoutes } from "./routes/bundle-step-test";
import { bundleTriggerRoutes } from "./routes/bundle-trigger";
import { healthRoutes } from "./routes/health";
import { KEY_ROTATION_PATH, keyRotationRoutes } from "./routes/key-rotation";
import { hookRoutes } from "./routes/hooks";
import { invitationRoutes } from "./routes/invitations";
import { memberRoutes } from "./routes/members";
import { quotaRoutes } from "./routes/quotas";
import { runRoutes } from "./routes/runs";
import { schedulePreviewRoutes } from "./routes/schedule-preview";
import { settingsRoutes } from "./routes/settings";
import { shareRoutes } from "./routes/shares";
import { telegramHookRoutes, telegramLinkRoutes } from "./routes/telegram-link";
import { workspaceRoutes } from "./routes/workspaces";

/** The largest request body the API accepts (413 above it). */
export const API_BODY_LIMIT_BYTES = 1024 * 1024;

const api = newRouter()
  .route("/auth", authRoutes)
  .route("/", workspaceRoutes)
  .route("/", memberRoutes)
  .route("/", invitationRoutes)
  .route("/", apiKeyRoutes)
  .route("/", appRoutes)
  .route("/", connectionOAuthRoutes)
  .route("/", connectionRoutes)
  .route("/", telegramLinkRoutes)
  .route("/", bundleTransferRoutes)
  .route("/", bundleRoutes)
  .route("/", bundleStatsRoutes)
  .route("/", bundleTriggerRoutes)
  .route("/", bundleStepTestRoutes)
  .route("/", runRoutes)
  .route("/", settingsRoutes)
  .route("/", schedulePreviewRoutes)
  .route("/", shareRoutes)
  .route("/", auditRoutes)
  .route("/", quotaRoutes)
  .route("/", healthRoutes);

api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "A session token from /auth/login or /auth/signup, or a workspace API key (svk_…)",
});
api.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Svyazka API", version: "1", description: "Bundles, connections and runs. Errors: {error: {code, message, path}}. Send Accept-Language: ru for messages in Russian (anything else: English); code and path are the same in every language." },
  servers: [{ url: "/api/v1" }],
});

const app = newRouter();

// API and webhook answers are data, never pages: nothing may load, run or frame them.
// /embed/* sets its own headers: it must be frameable by the sites each link allows.
app.use(
  "*",
  except(
    "/embed/*",
    secureHeaders({
      xFrameOptions: "DENY",
      referrerPolicy: "strict-origin-when-cross-origin",
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  ),
);
app.use("/api/*", detectLocale);
app.use(
  "/api/*",
  bodyLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: (c) => errorResponse(c, new ApiError("payload_too_large", { en: `The body is larger than ${API_BODY_LIMIT_BYTES} bytes.`, ru: `Тело запроса больше ${API_BODY_LIMIT_BYTES} байт.` })),
  }),
);
app.use("/api/*", emptyJsonBodyAsObject);
app.use("/api/v1/auth/login", loginRateLimit, loginAddressRateLimit);
app.use("/api/v1/auth/signup", signupRateLimit);
app.on(["GET", "DELETE"], METER_PATH, meterRoute);
app.route(KEY_ROTATION_PATH, keyRotationRoutes);
app.route("/api/v1", api);
app.route("/hooks/telegram", telegramHookRoutes);
app.route("/hooks", hookRoutes);
app.route("/embed", embedRoutes);
app.all("/api/*", (c) => errorResponse(c, new ApiError("not_found", noRoute(c.req.raw))));

app.onError((err, c) => {
  const known = apiErrorOf(err);
  if (known) return errorResponse(c, known);
  if (err instanceof HTTPException && err.status === 400) {
    return errorResponse(c, new ApiError("invalid_json", { en: "The body is not valid JSON.", ru: "Тело запроса — не правильный JSON." }));
  }
  // The route's body gate: a body that is not declared JSON (another Content-Type, or none with a body).
  if (err instanceof HTTPException && err.status === 415) {
    return errorResponse(c, new ApiError("unsupported_media_type", { en: "Send the body as JSON, with Content-Type: application/json.", ru: "Отправьте тело запроса как JSON, с заголовком Content-Type: application/json." }));
  }
  if (err instanceof HTTPException) return err.getResponse();
  return errorResponse(c, new ApiError("internal", internalError(err, `${c.req.method} ${new URL(c.req.url).pathname}`).text));
});

export type AppType = typeof api;
export default app;
