// Public webhook URLs: POST|GET /hooks/:token (VK's Callback API points here too). No auth:
// the token is the secret. Bodies over 1 MiB are refused before they are read.
import { Hono } from "hono";
import type { AppEnv } from "../http/context";
import { limitBody } from "../http/body-limit";
import { receiveDelivery } from "../hooks/receive-delivery";

export const HOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export const hookRoutes = new Hono<AppEnv>()
  .use("*", limitBody(HOOK_BODY_LIMIT_BYTES, `Deliveries are limited to ${HOOK_BODY_LIMIT_BYTES} bytes.`))
  .on(["GET", "POST", "PUT"], "/:token", async (c) => {
    const reply = await receiveDelivery(c.env, c.req.param("token"), c.req.raw, (p: Promise<unknown>) => c.executionCtx.waitUntil(p));
    return c.body(reply.body, reply.status as 200, { "content-type": reply.contentType });
  });
