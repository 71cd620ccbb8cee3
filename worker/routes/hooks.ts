// Public webhook URLs: POST|GET /hooks/:token (VK's Callback API points here too). No auth:
// the token is the secret. Bodies over 1 MiB are refused before they are read.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../http/context";
import { errorBody } from "../http/errors";
import { receiveDelivery } from "../hooks/receive-delivery";

export const HOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export const hookRoutes = new Hono<AppEnv>()
  .use(
    "*",
    bodyLimit({
      maxSize: HOOK_BODY_LIMIT_BYTES,
      onError: (c) => c.json(errorBody("payload_too_large", `Deliveries are limited to ${HOOK_BODY_LIMIT_BYTES} bytes.`), 413),
    }),
  )
  .on(["GET", "POST", "PUT"], "/:token", async (c) => {
    const reply = await receiveDelivery(c.env, c.req.param("token"), c.req.raw, (p: Promise<unknown>) => c.executionCtx.waitUntil(p));
    return c.body(reply.body, reply.status as 200, { "content-type": reply.contentType });
  });
