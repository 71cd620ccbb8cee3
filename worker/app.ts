// The Hono app: middleware and route mounting, nothing else.
import { secureHeaders } from "hono/secure-headers";
import { detectLocale } from "./i18n/locale";
import { emptyJsonBodyAsObject } from "./http/empty-body";
import { NotFound } from "./errors";
import { limitBody } from "./http/body-limit";
import { answerError } from "./http/errors";
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
import { bundleTemplateRoutes } from "./routes/bundle-templates";
import { bundleTransferRoutes } from "./routes/bundle-transfer";
import { bundleRoutes } from "./routes/bundles";
import { bundleStatsRoutes } from "./routes/bundle-stats";
import { bundleSyncRoutes } from "./routes/bundle-sync";
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
  .route("/", bundleTemplateRoutes)
  .route("/", bundleTransferRoutes)
  .route("/", bundleRoutes)
  .route("/", bundleStatsRoutes)
  .route("/", bundleSyncRoutes)
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
// /embed/* sets its own headers: it must be frameable by the sites each link allows. (A plain
// path test: hono's `except` builds an Error, stack trace and all, for every request it lets in.)
const dataAnswerHeaders = secureHeaders({
  xFrameOptions: "DENY",
  referrerPolicy: "strict-origin-when-cross-origin",
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
});
const isEmbed = (path: string) => path === "/embed" || path.startsWith("/embed/");
app.use("*", (c, next) => (isEmbed(c.req.path) ? next() : dataAnswerHeaders(c, next)));
app.use("/api/*", detectLocale);
app.use("/api/*", limitBody(API_BODY_LIMIT_BYTES, { en: `The body is larger than ${API_BODY_LIMIT_BYTES} bytes.`, ru: `Тело запроса больше ${API_BODY_LIMIT_BYTES} байт.` }));
app.use("/api/*", emptyJsonBodyAsObject);
app.use("/api/v1/auth/login", loginRateLimit, loginAddressRateLimit);
app.use("/api/v1/auth/signup", signupRateLimit);
app.on(["GET", "DELETE"], METER_PATH, meterRoute);
app.route(KEY_ROTATION_PATH, keyRotationRoutes);
app.route("/api/v1", api);
app.route("/hooks/telegram", telegramHookRoutes);
app.route("/hooks", hookRoutes);
app.route("/embed", embedRoutes);
app.all("/api/*", (c) => {
  throw new NotFound(noRoute(c.req.raw));
});
// Every error answer, the webhook doors' included, is written there.
app.onError(answerError);

export type AppType = typeof api;
export default app;
