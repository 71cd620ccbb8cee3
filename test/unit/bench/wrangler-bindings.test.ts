// The scale bench reads which class each Durable Object and Workflow binding runs from wrangler.toml.
import { describe, expect, it } from "vitest";
import { boundClasses } from "../../../bench/lib/wrangler-bindings";

describe("classes bound in wrangler.toml", () => {
  it("lists Durable Object and Workflow bindings with their classes, and nothing else", () => {
    const toml = `
[[d1_databases]]
binding = "DB"

[[durable_objects.bindings]]
name = "DEDUP"
class_name = "DedupLease"

[[durable_objects.bindings]]
name = "RUN_LEDGER"
class_name = "RunLedger"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["DedupLease"]

[[workflows]]
name = "svyazka-runs"
binding = "RUNS"
class_name = "RunWorkflow"
`;
    expect(boundClasses(toml)).toEqual({
      durableObjects: [
        { binding: "DEDUP", className: "DedupLease" },
        { binding: "RUN_LEDGER", className: "RunLedger" },
      ],
      workflows: [{ binding: "RUNS", className: "RunWorkflow", name: "svyazka-runs" }],
    });
  });
});
