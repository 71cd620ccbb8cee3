// GET /embed/:token: the dashboard's page (the SPA renders the share view without chrome),
// served by the Worker so that it can say who may frame it: Content-Security-Policy
// frame-ancestors from the link, and no X-Frame-Options (the one route without it). Dead
// links answer the same page with the API's 404/410, so the SPA shows why.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { database } from "../../db/client";
import type { FrameAncestors } from "../../db/queries/shares";
import type { AppEnv } from "../http/context";
import { errorStatus } from "../http/errors";
import { deadLinkError, frameAncestorsOf, lookUpShare } from "../shares/public-view";
import { limitShareLookup } from "./shares";

function cspSources(ancestors: FrameAncestors) {
  return ancestors === "*" ? "*" : ancestors.join(" ");
}

export const embedRoutes = new Hono<AppEnv>()
  .use("*", secureHeaders({ xFrameOptions: false, crossOriginResourcePolicy: "cross-origin", referrerPolicy: "strict-origin-when-cross-origin" }))
  .get("/:token", async (c) => {
    await limitShareLookup(c);
    const lookup = await lookUpShare(database(c.env), c.req.param("token"));
    const status = lookup.state === "live" ? 200 : errorStatus[deadLinkError(lookup).code];
    // An unknown token names no site that may frame it.
    const ancestors = lookup.state === "missing" ? "'none'" : cspSources(frameAncestorsOf(lookup.share));
    const page = await c.env.ASSETS.fetch(new URL("/", c.req.url));
    return c.body(await page.text(), status, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `frame-ancestors ${ancestors}`,
      "cache-control": "no-store",
    });
  });
