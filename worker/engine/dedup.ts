// Dedup on create actions (bundle-format.md "Dedup on create actions"), for any connector
// that declares how to find and update its records. Match values are normalised (phones to
// E.164, emails lower-cased); match sets are tried in order (AND inside a set, empty values
// never match). The whole find-then-create holds a lease on every match value, so two runs
// sharing a phone or an email never both create; records created or matched are remembered
// per match value, because the CRM's search may not show them yet.
import type { ActionContext, ActionDeclaration } from "../connectors/types";
import type { MatchGuard } from "../dedup/match-guard";
import { normalise } from "../dedup/normalise";
import type { ActionStep } from "../flow";

type Dedup = NonNullable<ActionStep["dedup"]>;
type Input = Record<string, unknown>;

export interface DedupOutcome extends Input {
  id: string;
  created: 0 | 1;
  updated: 0 | 1;
  matched_by: string;
}

const isEmpty = (v: unknown) => v === undefined || v === null || String(v).trim() === "";

/** The fields written onto a found record: `update`, or every mapped field that is not empty. */
function updateFields(input: Input, dedup: Dedup): Input {
  const names = dedup.update ?? Object.keys(input);
  return Object.fromEntries(names.filter((n) => !isEmpty(input[n])).map((n) => [n, input[n]]));
}

export async function runWithDedup(
  action: ActionDeclaration,
  ctx: ActionContext<Input, unknown>,
  dedup: Dedup,
  guard: MatchGuard,
  phoneCountry: string,
): Promise<Input> {
  const support = action.dedup!;
  if (dedup.mode === "create_always") return { created: 1, updated: 0, matched_by: "", ...((await action.run(ctx)) as Input) };

  const value = (field: string) => normalise(support.keys[field] ?? "text", ctx.input[field], phoneCountry);
  const usable = dedup.match.filter((set) => set.every((field) => value(field) !== ""));
  const allValues = [...new Set(usable.flat())].map((field) => `${field}:${value(field)}`);

  return guard.withLeases(allValues, async (): Promise<Input> => {
    for (const set of usable) {
      const values = set.map((field) => `${field}:${value(field)}`);
      const matchedBy = set.join("+");
      let id = await guard.recall(values);
      if (id) ctx.log(`dedup: ${matchedBy} was recently created or matched as ${id}`);
      else id = (await support.find(ctx, Object.fromEntries(set.map((field) => [field, value(field)]))))?.id;
      if (!id) continue;
      ctx.log(`dedup: found ${id} by ${matchedBy}`);
      await guard.remember(allValues, id);
      if (dedup.mode === "skip_if_exists") return { id, created: 0, updated: 0, matched_by: matchedBy } satisfies DedupOutcome;
      const fields = updateFields(ctx.input, dedup);
      if (Object.keys(fields).length > 0) await support.update(ctx, id, fields);
      return { id, created: 0, updated: Object.keys(fields).length > 0 ? 1 : 0, matched_by: matchedBy } satisfies DedupOutcome;
    }
    ctx.log(usable.length ? "dedup: no match set found a record" : "dedup: every match set has an empty value");
    if (dedup.mode === "update_only") return { id: "", created: 0, updated: 0, matched_by: "" } satisfies DedupOutcome;
    const output = (await action.run(ctx)) as Input;
    if (output.id) await guard.remember(allValues, String(output.id));
    return { created: 1, updated: 0, matched_by: "", ...output };
  });
}
