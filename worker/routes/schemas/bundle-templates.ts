// What the templates routes answer (routes/bundle-templates.ts).
import { z } from "@hono/zod-openapi";
import { SavedDocument } from "./bundles";

export const TemplateConnection = z.object({
  placeholder: z.string().openapi({ description: "The key to give in `connections` when creating a bundle from the template" }),
  app: z.string().openapi({ description: "The app the connection must be of (GET /apps)" }),
});

export const BundleTemplate = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    apps: z.array(z.string()).openapi({ description: "The apps the bundle uses, trigger's first" }),
    connections: z.array(TemplateConnection).openapi({ description: "The connections to choose, one per placeholder" }),
    document: SavedDocument.openapi({ description: "The bundle/1 document, its connections as placeholders" }),
  })
  .openapi("BundleTemplate");
export type BundleTemplate = z.infer<typeof BundleTemplate>;

export const BundleTemplateList = z.object({ items: z.array(BundleTemplate) });
export type BundleTemplateList = z.infer<typeof BundleTemplateList>;

export const FromTemplate = z
  .object({
    template: z.string().min(1).openapi({ description: "A template id (GET /templates)" }),
    connections: z.record(z.string(), z.string()).default({}).openapi({ description: "placeholder → connection id of this workspace, one for each of the template's connections" }),
  })
  .openapi("BundleFromTemplate");
