// A run's queue message carries the bundle version only while it stays well under the queue's
// 128 KB a message, counted in UTF-8 bytes: Russian text is two bytes a letter.
import { describe, expect, it } from "vitest";
import type { RunnableVersion } from "../../../db/queries/bundles";
import { runMessage } from "../../../worker/runs/run-message";

const version = (text: string) => ({ version: 3, name: "Leads", document: { format: "bundle/1", note: text } }) as unknown as RunnableVersion;

describe("a run's queue message", () => {
  it("carries a small bundle version, and names its shard only past shard 0", () => {
    expect(runMessage("ws", "r1", 0, version("short"))).toEqual({ workspaceId: "ws", runId: "r1", bundle: version("short") });
    expect(runMessage("ws", "r1", 2)).toEqual({ workspaceId: "ws", runId: "r1", shard: 2 });
  });

  it("leaves out a version over 48 KB of UTF-8 for the executor to read, though it has fewer characters", () => {
    expect(runMessage("ws", "r1", 0, version("a".repeat(40_000))).bundle).toBeDefined();
    const russian = runMessage("ws", "r1", 0, version("я".repeat(30_000)));
    expect(russian.bundle).toBeUndefined();
    expect(new TextEncoder().encode(JSON.stringify(russian)).length).toBeLessThan(1024);
  });
});
