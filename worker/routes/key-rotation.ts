// The operator's key rotation (decision 0018), behind OPERATOR_TOKEN: GET says how many stored
// secrets are under which key, POST /reencrypt re-encrypts one page and answers its counts and
// the cursor of the next. `npm run keys:rotate` drives them. Not tenant API, so not in the
// OpenAPI document; answers carry counts and key ids, never a secret.
import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../db/client";
import { operatorOnly } from "../http/access";
import { ValidationFailed } from "../errors";
import { jsonResponse, newRouter } from "../http/router";
import { keyRotationStatus, reencryptPage, RotationCursorError, ROTATION_PAGE_DEFAULT, ROTATION_PAGE_MAX } from "../security/key-rotation";

export const KEY_ROTATION_PATH = "/api/v1/internal/keys";

const keyCount = z.object({ total: z.number().int(), current: z.number().int(), previous: z.number().int(), other: z.number().int() });

const status = createRoute({
  method: "get",
  path: "/",
  summary: "Stored secrets by key",
  responses: {
    200: jsonResponse(
      z.object({ current_key_id: z.string(), previous_key_id: z.string().nullable(), values: keyCount, tables: z.record(z.string(), keyCount) }),
      "Counts by key",
    ),
  },
});

const reencrypt = createRoute({
  method: "post",
  path: "/reencrypt",
  summary: "Re-encrypt one page of stored secrets under ENCRYPTION_KEY",
  request: {
    body: {
      required: false,
      content: {
        "application/json": {
          schema: z.object({
            cursor: z.string().nullable().optional(),
            limit: z.number().int().min(1).max(ROTATION_PAGE_MAX).default(ROTATION_PAGE_DEFAULT),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z.object({
        scanned: z.number().int(),
        reencrypted: z.number().int(),
        already_current: z.number().int(),
        failed: z.number().int(),
        changed: z.number().int(),
        next_cursor: z.string().nullable(),
      }),
      "The page's counts",
    ),
  },
});

export const keyRotationRoutes = newRouter();
keyRotationRoutes.use("*", operatorOnly);
keyRotationRoutes
  .openapi(status, async (c) => c.json(await keyRotationStatus(c.env, database(c.env)), 200))
  .openapi(reencrypt, async (c) => {
    const { cursor = null, limit = ROTATION_PAGE_DEFAULT } = c.req.valid("json") ?? {};
    try {
      return c.json(await reencryptPage(c.env, database(c.env), cursor, limit), 200);
    } catch (err) {
      if (err instanceof RotationCursorError) throw new ValidationFailed({ en: err.message, ru: "Такой курсор страница ротации ключей не выдавала." }, "/cursor");
      throw err;
    }
  });
