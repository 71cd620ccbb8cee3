// Export (rest-api.md): a bundle/1 document names its connections by placeholders (a slug of
// the connection's name, made unique), never by id. Export and share links both use this.
import { listConnections } from "../../db/queries/connections";
import type { WorkspaceScope } from "../../db/queries/workspace-scope";
import { mapConnectionRefs } from "./connection-refs";

function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 32);
  return /^[a-z]/.test(s) ? s : `conn_${s}`.replace(/_+$/, "");
}

/** The document with every connection id replaced by a placeholder named after the connection. */
export async function withConnectionPlaceholders(scope: WorkspaceScope, document: unknown): Promise<unknown> {
  const names = new Map((await listConnections(scope)).map((conn) => [conn.id, slug(conn.name) || conn.app]));
  const taken = new Map<string, string>();
  const placeholderFor = (id: string) => {
    if (taken.has(id)) return taken.get(id)!;
    const wanted = names.get(id) ?? "connection";
    let name = wanted;
    for (let n = 2; [...taken.values()].includes(name); n++) name = `${wanted}_${n}`;
    taken.set(id, name);
    return name;
  };
  return mapConnectionRefs(document, placeholderFor);
}
