// Linking a Telegram chat: POST /api/v1/w/:ws/connections/:id/telegram/link answers a
// t.me deep link with a one-time code; POST /hooks/telegram/:connection_id is the bot's
// webhook (Telegram proves itself with the X-Telegram-Bot-Api-Secret-Token header).
import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { loadConnection } from "../connections/load-connection";
import { issueLink, receiveUpdate, SECRET_HEADER } from "../connections/telegram-link";
import { ConnectorError } from "../connectors/types";
import { Conflict, Forbidden, NotFound, Unprocessable } from "../errors";
import { requireRole, workspaceMember } from "../http/access";
import { limitBody } from "../http/body-limit";
import type { AppEnv } from "../http/context";
import { NO_SUCH_CONNECTION } from "../http/messages";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { TelegramLink } from "./schemas/connections";

const link = createRoute({
  tags: ["connections"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "post",
  path: "/w/{ws}/connections/{id}/telegram/link",
  summary: "A one-time t.me link that links the chat where Start is pressed to this Telegram connection",
  request: { params: WorkspaceParam.extend({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }) },
  responses: {
    200: jsonResponse(TelegramLink, "The deep link"),
    ...errors(401, 403, 404, 409, 422),
  },
});

export const telegramLinkRoutes = newRouter().openapi(link, async (c) => {
  requireRole(c, "editor");
  const connection = await loadConnection(c.env, c.get("scope"), c.req.valid("param").id);
  if (!connection) throw new NotFound(NO_SUCH_CONNECTION, "/id");
  if (connection.app !== "telegram") throw new Conflict({ en: "Only Telegram connections link a chat.", ru: "Привязать чат можно только у подключения к Telegram." }, "/id");
  try {
    return c.json(await issueLink(c.env, c.get("scope"), connection), 200);
  } catch (err) {
    if (err instanceof ConnectorError) throw new Unprocessable(err.text, "/id");
    throw err;
  }
});

/** Updates are small; Telegram retries anything but a 2xx, so everything we do not act on still gets 200. */
export const telegramHookRoutes = new Hono<AppEnv>()
  .use("*", limitBody(64 * 1024, "Telegram updates are small."))
  .post("/:connection_id", async (c) => {
    const update = await c.req.json().catch(() => undefined);
    const outcome = await receiveUpdate(c.env, c.req.param("connection_id"), c.req.header(SECRET_HEADER), update);
    if (outcome === "forbidden") throw new Forbidden("The secret token does not match this webhook.");
    return c.text("ok");
  });
