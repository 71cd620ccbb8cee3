// Dedup on create actions (bundle-format.md "Dedup on create actions"), for any connector
// that declares how to find and update its records: match sets tried in order (AND inside
// a set, empty values never match), then the mode decides: create_always, skip_if_exists,
// update_or_create, update_only. Issue 5 adds the Durable Object leases that serialise this
// across concurrent runs; until then two simultaneous runs can both miss and both create.
import type { ActionStep } from "../flow";
import type { ActionContext, ActionDeclaration } from "../connectors/types";

type Dedup = NonNullable<ActionStep["dedup"]>;
type Input = Record<string, unknown>;

const isEmpty = (v: unknown) => v === undefined || v === null || String(v).trim() === "";

/** The fields written onto a found record: `update`, or every mapped field that is not empty. */
function updateFields(input: Input, dedup: Dedup): Input {
  const names = dedup.update ?? Object.keys(input);
  return Object.fromEntries(names.filter((n) => !isEmpty(input[n])).map((n) => [n, input[n]]));
}

export async function runWithDedup(action: ActionDeclaration, ctx: ActionContext<Input, unknown>, dedup: Dedup): Promise<Input> {
  const support = action.dedup!;
  if (dedup.mode !== "create_always") {
    for (const set of dedup.match) {
      if (set.some((field) => isEmpty(ctx.input[field]))) continue;
      const match = Object.fromEntries(set.map((field) => [field, String(ctx.input[field]).trim()]));
      const found = await support.find(ctx, match);
      if (!found) continue;
      const matchedBy = set.join("+");
      ctx.log(`dedup: found ${found.id} by ${matchedBy}`);
      if (dedup.mode === "skip_if_exists") return { id: found.id, created: 0, updated: 0, matched_by: matchedBy };
      const fields = updateFields(ctx.input, dedup);
      if (Object.keys(fields).length > 0) await support.update(ctx, found.id, fields);
      return { id: found.id, created: 0, updated: Object.keys(fields).length > 0 ? 1 : 0, matched_by: matchedBy };
    }
    ctx.log("dedup: no match set found a record");
    if (dedup.mode === "update_only") return { id: "", created: 0, updated: 0, matched_by: "" };
  }
  const output = (await action.run(ctx)) as Input;
  return { created: 1, updated: 0, matched_by: "", ...output };
}
