// Unexpected errors (here a D1 query that fails) reach members as a message with an error id:
// in a run's error, the bundle's pause reason and an API answer. The SQL goes to the log under
// that id, its parameters masked; members (viewers too) never see it.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, expect, it, vi } from "vitest";
import app from "../../worker/app";
import { executeRun } from "../../worker/engine/execute-run";
import { ledgerOf } from "../../worker/runs/ledger";
import { call, ORIGIN } from "./support/api";
import { createBundle, enableBundle, manualBundle } from "./support/bundles";
import { ledgerSql } from "./support/ledger";
import { patchSettings, signUp } from "./support/workspace";

/** The Worker's D1, except that queries naming `table` fail as D1 fails them. */
function failingQueriesOn(table: string): typeof env {
  const fail = () => Promise.reject(new Error("D1_ERROR: no such column: x: SQLITE_ERROR"));
  const broken = { bind: () => broken, all: fail, raw: fail, first: fail, run: fail };
  const db = new Proxy(env.DB, {
    get: (target, prop: string) =>
      prop === "prepare" ? (sql: string) => (sql.includes(`"${table}"`) ? broken : target.prepare(sql)) : (target as any)[prop].bind(target),
  });
  return { ...env, DB: db };
}

/** What console.error was given during `work`. */
async function logged(work: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.join("\n");
}

const ERROR_ID = /error id ([0-9a-f]{12})/;

afterEach(() => vi.restoreAllMocks());

it("a run that keeps failing on a query ends with an error id in its error and the pause reason, the SQL only in the log", async () => {
  const u = await signUp("internal-run");
  await patchSettings(u, { pause_after_failures: 1 });
  const bundleId = await createBundle(u, manualBundle({ name: "Plain", steps: [{ id: "done", kind: "stop" }] }));
  await enableBundle(u, bundleId);
  const runId = `r_test_${crypto.randomUUID().replaceAll("-", "")}`;
  await ledgerOf(env, u.workspaceId).record({ workspaceId: u.workspaceId, shard: 0, run: { id: runId, bundleId, bundleVersion: 1, eventKey: `e-${runId}`, trigger: {} }, runsPerMonth: 1000 });

  // Reading the bundle's version fails: the executor lets go of the run, the queue would try again.
  let thrown: unknown;
  const log = await logged(() => executeRun(failingQueriesOn("bundle_version"), { workspaceId: u.workspaceId, runId }).catch((err) => (thrown = err)));
  expect(String(thrown)).toMatch(/Failed query/);
  const line = JSON.parse(log.split("\n").find((l) => l.includes('"internal_error"'))!);
  const id = line.error_id;
  expect(id).toMatch(/^[0-9a-f]{12}$/);
  expect(line.where).toBe(`run ${runId}`);
  expect(line.detail).toMatch(/Failed query: select .* from "bundle_version"/);
  expect(line.detail).toContain("no such column: x");
  expect(log).not.toContain(u.workspaceId);
  expect(log).not.toContain(bundleId);

  // Out of tries: the run fails with what members may read.
  await ledgerSql(u.workspaceId, "UPDATE run SET deliveries = 10 WHERE id = ?", runId);
  await executeRun(env, { workspaceId: u.workspaceId, runId });
  const run = (await call("GET", `/api/v1/w/${u.workspaceId}/runs/${runId}`, { token: u.token })).json;
  expect(run.status).toBe("failed");
  expect(run.error).toBe(`The run stopped on an internal error after 10 tries: Something went wrong on our side (error id ${id}). Try again; if it keeps happening, tell us this id.`);
  const bundle = (await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${bundleId}`, { token: u.token })).json;
  expect(bundle.enabled).toBe(false);
  expect(bundle.paused_reason).toContain(`error id ${id}`);
  for (const shown of [run.error, bundle.paused_reason]) expect(shown).not.toMatch(/select|params|bundle_version|D1_ERROR/i);
});

it("an API request that fails on a query answers 500 with an error id, the SQL only in the log", async () => {
  const u = await signUp("internal-api");
  let res: Response | undefined;
  const log = await logged(async () => {
    const req = new Request(`${ORIGIN}/api/v1/w/${u.workspaceId}/bundles`, { headers: { authorization: `Bearer ${u.token}` } });
    res = await app.fetch(req, failingQueriesOn("bundle"), createExecutionContext());
  });
  expect(res!.status).toBe(500);
  const body = (await res!.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("internal");
  const id = body.error.message.match(ERROR_ID)?.[1];
  expect(body.error.message).toBe(`Something went wrong on our side (error id ${id}). Try again; if it keeps happening, tell us this id.`);
  const line = JSON.parse(log);
  expect(line).toMatchObject({ event: "internal_error", error_id: id, where: `GET /api/v1/w/${u.workspaceId}/bundles` });
  expect(line.detail).toMatch(/Failed query: select .* from "bundle"/);
  expect(line.detail).toMatch(/params: ••••/);
});
