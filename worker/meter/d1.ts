// A counting D1Database: every statement (batched ones included) by kind, round trips, rows
// read and written from the result meta, and bytes of bound parameters.
import { byteSizeOfAll } from "./byte-size";
import { countsOf, REPLICA_SUFFIX, type D1Counts } from "./counters";
import { sqlKind } from "./sql-kind";
import { passThrough } from "./forward";

interface D1Meta {
  rows_read?: number;
  rows_written?: number;
}

/** A statement as the meter hands it out; batch() unwraps it again. */
class MeteredStatement {
  constructor(
    readonly native: D1PreparedStatement,
    readonly sql: string,
    readonly binding: string,
    readonly paramBytes = 0,
  ) {}

  bind(...values: unknown[]) {
    return new MeteredStatement(this.native.bind(...values), this.sql, this.binding, byteSizeOfAll(values));
  }

  first(column?: string) {
    this.count();
    countsOf.d1(this.binding).withoutMeta += 1;
    return column === undefined ? this.native.first() : this.native.first(column);
  }

  async run() {
    this.count();
    return withMeta(countsOf.d1(this.binding), await this.native.run());
  }

  async all() {
    this.count();
    return withMeta(countsOf.d1(this.binding), await this.native.all());
  }

  raw(options?: { columnNames?: boolean }) {
    this.count();
    countsOf.d1(this.binding).withoutMeta += 1;
    return this.native.raw(options as { columnNames: true });
  }

  /** One statement, its own round trip unless it is part of a batch. */
  count(inBatch = false) {
    const counts = countsOf.d1(this.binding);
    counts.statements += 1;
    const kind = sqlKind(this.sql);
    if (kind === "read") counts.reads += 1;
    else if (kind === "write") counts.writes += 1;
    else counts.other += 1;
    counts.paramBytes += this.paramBytes;
    if (!inBatch) counts.roundTrips += 1;
  }
}

function withMeta<T extends { meta?: unknown }>(counts: D1Counts, result: T): T {
  const meta = result?.meta as D1Meta | undefined;
  counts.rowsRead += meta?.rows_read ?? 0;
  counts.rowsWritten += meta?.rows_written ?? 0;
  return result;
}

function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return statement instanceof MeteredStatement ? statement.native : statement;
}

/** Statements of a session (withSession) count apart, as `<binding>@replica`: a read replica may serve them. */
function meterPreparer<T extends { prepare(sql: string): D1PreparedStatement; batch: D1Database["batch"] }>(native: T, binding: string): T {
  return new Proxy(native, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => new MeteredStatement(target.prepare(sql), sql, binding) as unknown as D1PreparedStatement;
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const counts = countsOf.d1(binding);
          counts.batches += 1;
          counts.roundTrips += 1;
          for (const s of statements) if (s instanceof MeteredStatement) s.count(true);
          const results = await target.batch(statements.map(unwrap));
          for (const r of results) withMeta(counts, r);
          return results;
        };
      }
      if (prop === "exec") {
        return async (sql: string) => {
          const counts = countsOf.d1(binding);
          counts.roundTrips += 1;
          // exec() runs one or more statements separated by newlines; each counts by its own verb
          for (const line of sql.split("\n").filter((l) => l.trim())) {
            new MeteredStatement(null as never, line, binding).count(true);
            counts.withoutMeta += 1;
          }
          return (target as unknown as D1Database).exec(sql);
        };
      }
      if (prop === "withSession") {
        return (...args: unknown[]) => meterPreparer((target as unknown as D1Database).withSession(...(args as [string])), binding + REPLICA_SUFFIX);
      }
      const value = Reflect.get(target, prop, target);
      return passThrough(target, value);
    },
  });
}

export function meterD1(native: D1Database, binding: string): D1Database {
  return meterPreparer(native, binding);
}
