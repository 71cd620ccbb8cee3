// An empty JSON body means "no fields": `Content-Type: application/json` with nothing after it
// is read as {}, so the routes whose fields are all optional (force run, retry, test a step,
// settings, shares…) take it as a request with no options, defaults applied, and a route that
// needs a field says which one instead of calling the body broken JSON. A body that is there
// but is not JSON is still refused as such.
import type { MiddlewareHandler } from "hono";

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const emptyJsonBodyAsObject: MiddlewareHandler = async (c, next) => {
  const type = c.req.header("content-type");
  if (WITH_BODY.has(c.req.method) && type && JSON_TYPE.test(type) && (await isEmpty(c.req.raw))) {
    const headers = new Headers(c.req.raw.headers);
    headers.delete("content-length");
    c.req.raw = new Request(c.req.raw, { headers, body: "{}" });
  }
  await next();
};

async function isEmpty(request: Request): Promise<boolean> {
  if (!request.body) return true;
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) === 0;
  return (await request.clone().arrayBuffer()).byteLength === 0;
}
