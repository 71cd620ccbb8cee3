// The meter splits D1 statements into reads and writes by their verb.
import { describe, expect, it } from "vitest";
import { sqlKind } from "../../../worker/meter/sql-kind";

describe("the kind of a SQL statement", () => {
  it.each([
    ['select "id" from "runs" where "workspace_id" = ?', "read"],
    ["  SELECT 1", "read"],
    ["/* drizzle */ select count(*) from bundles", "read"],
    ["-- a comment\nselect 1", "read"],
    ["values (1), (2)", "read"],
    ['insert into "runs" ("id") values (?) on conflict do nothing returning "id"', "write"],
    ['update "runs" set "status" = ?', "write"],
    ['delete from "step_logs" where "run_id" = ?', "write"],
    ["replace into t values (1)", "write"],
    ["CREATE TABLE t (id text)", "write"],
    ["with due as (select id from bundles) select * from due", "read"],
    ["with old as (select id from runs where created_at < ?) delete from step_logs where run_id in (select id from old)", "write"],
    ["PRAGMA table_list", "other"],
    ["begin", "other"],
  ] as const)("%s → %s", (sql, kind) => {
    expect(sqlKind(sql)).toBe(kind);
  });
});
