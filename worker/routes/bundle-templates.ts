// The templates gallery (issue 20): GET /templates lists ready bundles in the request's
// language (public, like the catalogue: no tenant data); POST …/bundles/from-template creates a
// disabled bundle from one, its connection placeholders mapped like an import.
import { createRoute } from "@hono/zod-openapi";
import { BUNDLE_TEMPLATES, findTemplate, localizedTemplate } from "../bundle-templates";
import { importDocument } from "../bundles/import-document";
import { audit } from "../audit/record";
import { NotFound } from "../errors";
import { requireRole, workspaceMember } from "../http/access";
import { bearerSecurity, errors, jsonBody, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { localeOf } from "../i18n";
import { BundleRef } from "./schemas/bundles";
import { BundleTemplateList, FromTemplate } from "./schemas/bundle-templates";

const list = createRoute({
  method: "get",
  path: "/templates",
  tags: ["bundles"],
  summary: "Ready bundles to start from, titled in the request's language (Accept-Language)",
  responses: { 200: jsonResponse(BundleTemplateList, "Templates") },
});

const fromTemplate = createRoute({
  tags: ["bundles"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "post",
  path: "/w/{ws}/bundles/from-template",
  summary: "Create a bundle (disabled) from a template, with a connection of this workspace for each of its placeholders",
  request: { params: WorkspaceParam, ...jsonBody(FromTemplate) },
  responses: { 201: jsonResponse(BundleRef, "Created (disabled)"), ...errors(400, 401, 403, 404) },
});

export const bundleTemplateRoutes = newRouter()
  .openapi(list, (c) => c.json({ items: BUNDLE_TEMPLATES.map((t) => localizedTemplate(t, localeOf(c))) }, 200))
  .openapi(fromTemplate, async (c) => {
    requireRole(c, "editor");
    const { template: templateId, connections } = c.req.valid("json");
    const template = findTemplate(templateId);
    if (!template) throw new NotFound({ en: `No template "${templateId}" (GET /templates lists them).`, ru: `Нет шаблона «${templateId}» (список: GET /templates).` }, "/template");
    const principal = c.get("principal");
    const document = localizedTemplate(template, localeOf(c)).document;
    const { id, name } = await importDocument(c.env, c.get("scope"), document, connections, principal.kind === "user" ? principal.userId : null);
    await audit(c, "bundle.created", id, `${name}: from template ${template.id}`);
    return c.json({ id, version: 1 }, 201);
  });
