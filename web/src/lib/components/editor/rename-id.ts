// Renaming a step or the trigger keeps the bundle working: templates that read it
// ({{old.field}}) and router jumps to it follow the new id.
import type { BundleDocument } from "#lib/api/types.ts";

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function renameId(doc: BundleDocument, from: string, to: string) {
  const reference = new RegExp(`(\\{\\{\\s*)${escape(from)}(?=[\\s.|}])`, "g");
  const visit = (node: unknown, parentKey?: string): unknown => {
    if (typeof node === "string") {
      if ((parentKey === "goto" || parentKey === "otherwise") && node === from) return to;
      return node.replace(reference, `$1${to}`);
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => (node[i] = visit(item)));
    } else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      // ids themselves are plain names (no braces): only jumps and templates change
      for (const key of Object.keys(record)) record[key] = visit(record[key], key);
    }
    return node;
  };
  visit(doc.trigger);
  visit(doc.steps);
  if (doc.settings) visit(doc.settings);
}
