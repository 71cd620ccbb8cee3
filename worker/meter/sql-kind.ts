// Whether a SQL statement reads or writes, by its verb: D1 bills rows read and written, and
// one database runs one statement at a time, so the meter splits statements this way.

export type SqlKind = "read" | "write" | "other";

const WRITE_VERBS = new Set(["insert", "update", "delete", "replace", "upsert", "create", "drop", "alter"]);

/** The statement's kind; a WITH clause takes the kind of the statement it prefixes. */
export function sqlKind(sql: string): SqlKind {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " ").trim().toLowerCase();
  const verb = /^[a-z]+/.exec(text)?.[0] ?? "";
  if (verb === "select" || verb === "values") return "read";
  if (WRITE_VERBS.has(verb)) return "write";
  if (verb === "with") return /\)\s*(insert|update|delete|replace)\b/.test(text) ? "write" : "read";
  return "other";
}
