// Dedup on create actions (bundle-format.md "Dedup on create actions"), for any connector
// that declares how to find and update its records. Match values are normalised (phones to
// E.164, emails lower-cased); match sets are tried in order (AND inside a set, empty values
// never match). The whole find-then-create holds a lease on every match value, so two runs
// sharing a phone or an email never both create; records created or matched are remembered
// per match value, because the CRM's search may not show them yet.
import type { ActionContext, ActionDeclaration } from "../connectors/types";
import { ConnectorError } from "../connectors/types";
import type { WrittenFields } from "../dedup/lease-object";
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

/** Whether `writing` is what was written onto the record last time (`before`, if remembered). */
const alreadyWritten = (before: WrittenFields | undefined, writing: WrittenFields) => before !== undefined && Object.entries(writing).every(([name, v]) => before[name] === v);

const reusedNote = (id: string, how: string, matchedBy: string, why: "no_update" | "skip") =>
  `dedup: reused ${id} (${how}, by ${matchedBy}); ${why === "skip" ? "skip_if_exists changes nothing" : "no update sent: these fields were written onto it last time"}`;

/** Whether `error` says the record is not in the CRM (any more). */
const isNotFound = (error: unknown) => error instanceof ConnectorError && (error.options.code === "not_found" || error.options.status === 404);

export async function runWithDedup(
  action: ActionDeclaration,
  ctx: ActionContext<Input, unknown>,
  dedup: Dedup,
  guard: MatchGuard,
  phoneCountry: string,
): Promise<Input> {
  const support = action.dedup!;
  if (dedup.mode === "create_always") return { created: 1, updated: 0, matched_by: "", ...((await action.run(ctx)) as Input) };

  const kind = (field: string) => support.keys[field] ?? "text";
  const value = (field: string) => normalise(kind(field), ctx.input[field], phoneCountry);
  const usable = dedup.match.filter((set) => set.every((field) => value(field) !== ""));
  const allValues = [...new Set(usable.flat())].map((field) => `${field}:${value(field)}`);
  // Compared in the form the CRM compares them: "8 (912) …" adds nothing to "+7912…".
  const asWritten = (fields: Input): WrittenFields =>
    Object.fromEntries(Object.entries(fields).map(([name, v]) => [name, support.keys[name] ? normalise(kind(name), v, phoneCountry) : typeof v === "string" ? v : JSON.stringify(v)]));

  /** Updates the record `id` matched; undefined when a remembered record is gone from the CRM. */
  const onFound = async (id: string, matchedBy: string, remembered: boolean): Promise<DedupOutcome | undefined> => {
    const how = remembered ? "remembered" : "found by search";
    const outcome = (updated: 0 | 1): DedupOutcome => ({ id, created: 0, updated, matched_by: matchedBy });
    if (dedup.mode === "skip_if_exists") {
      ctx.log(reusedNote(id, how, matchedBy, "skip"));
      await guard.remember(allValues, id);
      return outcome(0);
    }
    const fields = updateFields(ctx.input, dedup);
    const writing = asWritten(fields);
    const unchanged = (before: WrittenFields | undefined) => alreadyWritten(before, writing);
    const noUpdate = () => {
      ctx.log(reusedNote(id, how, matchedBy, "no_update"));
      return outcome(0);
    };
    // Checked before the record's lease too: a run that would change nothing needs no lease (it
    // orders as if it ran just before whoever is writing the record now). The common case of a
    // person seen again costs two lease calls fewer.
    if (unchanged(await guard.written(id))) {
      await guard.remember(allValues, id);
      return noUpdate();
    }
    const result = await guard.withRecord(id, async (): Promise<DedupOutcome | "gone"> => {
      if (unchanged(await guard.written(id))) return noUpdate();
      if (Object.keys(fields).length === 0) {
        ctx.log(`dedup: reused ${id} (${how}, by ${matchedBy}); nothing to update`);
        return outcome(0);
      }
      try {
        await support.update(ctx, id, fields);
      } catch (error) {
        // Deleted in the CRM since we remembered it: forget, and look again.
        if (!remembered || !isNotFound(error)) throw error;
        ctx.log(`dedup: ${id} (remembered) is no longer in the CRM; forgotten, searching again`);
        await guard.forget(allValues, id);
        return "gone";
      }
      await guard.noteWritten(id, writing);
      ctx.log(`dedup: updated ${id} (${how}, by ${matchedBy})`);
      return outcome(1);
    });
    if (result === "gone") return undefined;
    await guard.remember(allValues, id);
    return result;
  };

  /**
   * A person seen lately, remembered by the first match set, whose fields are what was written
   * onto the record last time (or skip_if_exists): nothing is searched, created or written, so
   * no lease is taken: the run orders as if it ran just before whoever holds the values now.
   * Anything else goes the leased way below.
   */
  const reusedWithoutLease = async (): Promise<DedupOutcome | undefined> => {
    if (usable.length === 0) return undefined;
    const memories = await guard.memories(allValues);
    const first = usable[0];
    const ids = first.map((field) => memories[allValues.indexOf(`${field}:${value(field)}`)]?.recordId);
    const id = ids[0];
    if (!id || !ids.every((other) => other === id)) return undefined;
    const matchedBy = first.join("+");
    if (dedup.mode !== "skip_if_exists") {
      const writing = asWritten(updateFields(ctx.input, dedup));
      if (Object.keys(writing).length === 0 || !alreadyWritten(await guard.written(id), writing)) return undefined;
    }
    ctx.log(reusedNote(id, "remembered", matchedBy, dedup.mode === "skip_if_exists" ? "skip" : "no_update"));
    const refresh = allValues.filter((v, i) => memories[i]?.recordId !== id || memories[i]?.ageing);
    if (refresh.length) await guard.remember(refresh, id);
    return { id, created: 0, updated: 0, matched_by: matchedBy };
  };
  const reused = await reusedWithoutLease();
  if (reused) return reused;

  return guard.withLeases(allValues, async (): Promise<Input> => {
    for (const set of usable) {
      const values = set.map((field) => `${field}:${value(field)}`);
      const matchedBy = set.join("+");
      const remembered = await guard.recall(values);
      const fromMemory = remembered && (await onFound(remembered, matchedBy, true));
      if (fromMemory) return fromMemory;
      const found = await support.find(ctx, Object.fromEntries(set.map((field) => [field, value(field)])));
      if (found) return (await onFound(found.id, matchedBy, false))!;
    }
    ctx.log(usable.length ? "dedup: no match set found a record" : "dedup: every match set has an empty value");
    if (dedup.mode === "update_only") return { id: "", created: 0, updated: 0, matched_by: "" } satisfies DedupOutcome;
    const output = (await action.run(ctx)) as Input;
    if (output.id) {
      const id = String(output.id);
      ctx.log(`dedup: created ${id}`);
      // What the create wrote: every field given. A run that updated it meanwhile knows better.
      await Promise.all([guard.remember(allValues, id), guard.noteWritten(id, asWritten(updateFields(ctx.input, { ...dedup, update: undefined })), true)]);
    }
    return { created: 1, updated: 0, matched_by: "", ...output };
  });
}
