// GET …/bundles/:id/sync: how far a sheet sync has got — the next row it reads, the runs it
// started from new rows and how many of them finished or failed; 404 for another workspace.
import { describe, expect, it } from "vitest";
import { call } from "./support/api";
import { waitForRun } from "./support/runs";
import { sheetBundle } from "./support/sheets";
import { signUp } from "./support/workspace";

const HEADER = ["order_id", "title", "total"];

describe("sheet sync progress", () => {
  it("counts the rows read and the runs they started, finished and failed", async () => {
    const u = await signUp("syncprogress");
    const { id, addRows } = await sheetBundle(u, [HEADER, ["1", "Old", "10"]], {
      steps: [{ id: "s", kind: "stop", status: "failed", reason: "Rejected {{row.title}}" }],
    });
    const sync = () => call("GET", `/api/v1/w/${u.workspaceId}/bundles/${id}/sync`, { token: u.token });

    expect((await sync()).json).toEqual({ next_row: null, runs: { started: 0, open: 0, finished: 0, failed: 0 } });

    const poll = () => call("POST", `/api/v1/w/${u.workspaceId}/bundles/${id}/run`, { token: u.token, body: {} });
    await poll(); // primes: the old row never runs
    expect((await sync()).json).toEqual({ next_row: 3, runs: { started: 0, open: 0, finished: 0, failed: 0 } });

    await addRows([["2", "Second"], ["3", "Third"], ["4", "Fourth"]]);
    const { json } = await poll();
    expect(json.run_ids).toHaveLength(3);
    const during = (await sync()).json;
    expect(during.next_row).toBe(6);
    expect(during.runs.started).toBe(3);
    expect(during.runs.open + during.runs.finished).toBe(3);

    for (const runId of json.run_ids) await waitForRun(u, runId);
    expect((await sync()).json).toEqual({ next_row: 6, runs: { started: 3, open: 0, finished: 3, failed: 3 } });

    const other = await signUp("syncstranger");
    const foreign = await call("GET", `/api/v1/w/${other.workspaceId}/bundles/${id}/sync`, { token: other.token });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe("not_found");
  });
});
