// Any API, for HTTP request steps: every request is answered with what arrived — the method,
// the path and query as they were sent, and the query parameters as a server reads them — so a
// test (or a local bundle) sees exactly what a step sent.
import { Hono } from "hono";

export const echoFake = new Hono().all("*", (c) => {
  const url = new URL(c.req.url);
  return c.json({ method: c.req.method, path: url.pathname, search: url.search, query: [...url.searchParams] });
});
