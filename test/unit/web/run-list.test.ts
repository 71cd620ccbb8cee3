// The runs page's pure parts: filters from the address to the API (local days, "to" included),
// and live updates of the first page merged into the pages already shown.
import { describe, expect, it } from "vitest";
import type { Run } from "../../../web/src/lib/api/types.ts";
import { mergeFirstPage } from "../../../web/src/lib/components/runs/merge-first-page.ts";
import { apiFilter, readRunQuery, runQueryString } from "../../../web/src/lib/components/runs/run-filter.ts";

const run = (id: string, minute: number, status: Run["status"] = "success"): Run => ({
  id,
  bundle_id: "b",
  bundle_version: 1,
  status,
  error: null,
  trigger: {},
  retry_of: null,
  created_at: new Date(Date.UTC(2026, 10, 23, 12, minute)).toISOString(),
  started_at: null,
  finished_at: null,
});

describe("run filters", () => {
  it("reads known filters from the address and ignores malformed ones", () => {
    expect(readRunQuery(new URLSearchParams("bundle=b1&status=failed&from=2026-11-01&to=nope"))).toEqual({
      bundle: "b1",
      status: "failed",
      from: "2026-11-01",
      to: "",
    });
    expect(readRunQuery(new URLSearchParams("status=exploded")).status).toBe("");
    expect(runQueryString({ bundle: "", status: "failed", from: "", to: "2026-11-02" })).toBe("?status=failed&to=2026-11-02");
  });

  it("sends local days as instants, the 'to' day included", () => {
    const filter = apiFilter({ bundle: "", status: "", from: "2026-11-01", to: "2026-11-01" });
    expect(filter.from).toBe(new Date(2026, 10, 1).toISOString());
    expect(filter.to).toBe(new Date(2026, 10, 2).toISOString());
    expect(filter.bundle_id).toBeUndefined();
  });
});

describe("live updates of the runs list", () => {
  it("updates shown runs, puts new ones on top and keeps older pages", () => {
    const shown = [run("c", 30, "running"), run("b", 20), run("a", 10)];
    const fresh = { items: [run("d", 40, "queued"), run("c", 30, "success")], next_cursor: "more" };
    expect(mergeFirstPage(shown, fresh).map((r) => `${r.id}:${r.status}`)).toEqual(["d:queued", "c:success", "b:success", "a:success"]);
  });

  it("drops a shown run the fresh page covers but no longer lists (it left the filter)", () => {
    const shown = [run("c", 30, "running"), run("b", 20, "running")];
    expect(mergeFirstPage(shown, { items: [run("b", 20, "running")], next_cursor: null }).map((r) => r.id)).toEqual(["b"]);
    expect(mergeFirstPage(shown, { items: [], next_cursor: null })).toEqual([]);
  });
});
