// Import (rest-api.md): a document with connection placeholders becomes a new, disabled
// bundle once every placeholder is mapped to a connection of the importing workspace; the
// result is validated like any save, so another workspace's connection ids are refused.
import { insertBundle } from "../../db/queries/bundles";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { ValidationFailed } from "../errors";
import type { Env } from "../env";
import { assertInBounds, MAX_DOCUMENT_BYTES } from "../json/bounds";
import { assertBundleQuota } from "../quotas/enforce";
import { assertNoChainCycle } from "./chain-cycle";
import { connectionRefs, mapConnectionRefs } from "./connection-refs";
import { validBundleOrThrow } from "./validate-for-workspace";

/** Creates the bundle (version 1) within the workspace's quota. Errors point at `/connections/<placeholder>`. */
export async function importDocument(env: Env, scope: WorkspaceScope, document: unknown, mapping: Record<string, string>, userId: string | null) {
  // Before the walk over connection references, which recurses into if-branches.
  assertInBounds(document, "", MAX_DOCUMENT_BYTES);
  const unmapped = connectionRefs(document).filter((ref) => !(ref in mapping));
  if (unmapped.length > 0) {
    throw new ValidationFailed(
      { en: `Choose a connection for ${unmapped.map((p) => `"${p}"`).join(", ")}.`, ru: `Выберите подключение для ${unmapped.map((p) => `«${p}»`).join(", ")}.` },
      `/connections/${unmapped[0]}`,
      unmapped.map((p) => ({ code: "unmapped_connection", message: `Choose a connection for "${p}".`, path: `/connections/${p}`, ru: `Выберите подключение для «${p}».` })),
    );
  }
  const mapped = mapConnectionRefs(document, (ref) => mapping[ref]);
  const bundle = await validBundleOrThrow(scope, mapped);
  await assertBundleQuota(env, scope, bundle, true);
  const id = crypto.randomUUID();
  await assertNoChainCycle(scope, id, bundle);
  await insertBundle(scope, id, bundle.name, bundle, userId);
  return { id, name: bundle.name };
}
