// Any API, for HTTP request steps: every request is answered with what arrived — the method,
// the path and query as they were sent, and the query parameters as a server reads them — so a
// test (or a local bundle) sees exactly what a step sent. GET /nested?levels=N instead answers
// a list nested N levels deep ([[[…]]]), the shape that once overflowed the stack of whatever
// walked a step's output; POST /json answers the JSON body it was sent.
import { Hono } from "hono";

export const echoFake = new Hono()
  .get("/nested", (c) => {
    const levels = Math.min(Number(c.req.query("levels")) || 1, 100_000);
    return c.body("[".repeat(levels) + "]".repeat(levels), 200, { "content-type": "application/json" });
  })
  .post("/json", async (c) => c.json(await c.req.json()))
  .all("*", (c) => {
    const url = new URL(c.req.url);
    return c.json({ method: c.req.method, path: url.pathname, search: url.search, query: [...url.searchParams] });
  });
