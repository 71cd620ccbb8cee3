// A bundle that runs after another must not, through the chain, run after itself: that would
// loop forever. Checked at save time.
import { followedBundleId, listBundles } from "../../db/queries/bundles";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import type { Bundle } from "../flow";
import { ValidationFailed } from "../errors";

export async function assertNoChainCycle(scope: WorkspaceScope, bundleId: string, document: Bundle) {
  let upstream = followedBundleId(document);
  if (!upstream) return;
  const all = new Map((await listBundles(scope)).map((b) => [b.id, b]));
  if (!all.has(upstream)) throw new ValidationFailed({ en: "The bundle to run after does not exist in this workspace.", ru: "Связки, после которой нужно запускаться, нет в этом рабочем пространстве." }, "/trigger/options/bundle");
  const seen = new Set<string>([bundleId]);
  while (upstream) {
    if (seen.has(upstream)) {
      const name = all.get(upstream)?.name ?? upstream;
      throw new ValidationFailed({ en: `Running after «${name}» would make the bundles trigger each other in a loop.`, ru: `Запуск после «${name}» зациклит связки: они будут запускать друг друга по кругу.` }, "/trigger/options/bundle");
    }
    seen.add(upstream);
    const next = all.get(upstream);
    upstream = next?.followsBundleId ?? null;
  }
}
