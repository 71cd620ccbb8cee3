// Bodies over a door's limit are refused before they are read: 413 payload_too_large, thrown so
// that app.onError writes it like every other error.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { PayloadTooLarge } from "../errors";
import type { Text } from "../i18n/text";

export function limitBody(maxSize: number, message: string | Text): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLarge(message);
    },
  });
}
