// Fuzzing the public webhook endpoint (issue 9): random and malformed JSON, wrong content
// types, broken multipart, huge strings, deep nesting, unicode. Never a 5xx: either a clear
// 4xx with {error: {code, message}} or a stored run, one per 200, and every stored run ends.
// The bundle's reply and dedup key templates try prototype paths and render nothing.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deeplyNested, fuzzSeed, malformedJson, prng, randomJson, randomString, type Random } from "../fuzz/random";
import { createBundle, enableWebhook, webhookBundle } from "./support/bundles";
import { ledgerSql } from "./support/ledger";
import { signUp } from "./support/workspace";

const ROUNDS = 120;

function randomDelivery(r: Random): { method: string; headers: Record<string, string>; body?: BodyInit } {
  const method = r.pick(["POST", "POST", "POST", "PUT", "GET"]);
  const type = r.pick(["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data", "", "application/json; charset=koi8-r", "image/png"]);
  const headers: Record<string, string> = type ? { "content-type": type } : {};
  if (r.chance(0.2)) headers["x-" + r.int(1000)] = "v".repeat(r.int(4000));
  if (method === "GET") return { method, headers };
  const body = r.pick<() => BodyInit>([
    () => JSON.stringify(randomJson(r, 4)),
    () => malformedJson(r),
    () => deeplyNested(1 + r.int(20_000), r.pick(["array", "object"])),
    () => JSON.stringify({ name: randomString(r, 200_000), list: Array.from({ length: r.int(3000) }, (_, i) => i) }),
    () => randomString(r, 50_000),
    () => "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + randomString(r, 100) + (r.chance(0.5) ? "\r\n--xyz--\r\n" : ""),
    () => new URLSearchParams({ a: "1", b: randomString(r, 100) }).toString() + "&%E0%A4%A=broken&__proto__[x]=1&c[]=1&c[]=2",
    () => new Uint8Array(Array.from({ length: r.int(500) }, () => r.int(256))),
    () => '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
  ])();
  return { method, headers, body };
}

describe("webhook endpoint under fuzzing", () => {
  it(`answers ${ROUNDS} random deliveries with a stored run or a clear 4xx, never a 5xx`, async () => {
    const seed = fuzzSeed("hooks");
    const r = prng(seed);
    const u = await signUp("fuzzhook");
    const bundleId = await createBundle(
      u,
      webhookBundle({
        name: "Fuzzed",
        options: { respond: "got {{hook.constructor}}{{hook.__proto__.polluted}}" },
        steps: [{ id: "done", kind: "stop", reason: "{{hook.name}}{{hook.constructor.prototype}}" }],
      }),
    );
    const path = await enableWebhook(u, bundleId);

    let stored = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const delivery = randomDelivery(r);
      const query = r.chance(0.3) ? `?${new URLSearchParams([[randomString(r, 50), randomString(r, 50)]])}&__proto__=1` : "";
      const res = await exports.default.fetch(new Request(`http://localhost${path}${query}`, delivery));
      const text = await res.text();
      const what = `seed ${seed}, round ${i}: ${delivery.method} ${delivery.headers["content-type"] ?? "(no type)"} → ${res.status} ${text.slice(0, 200)}`;
      expect(res.status, what).toBeLessThan(500);
      if (res.status === 200) {
        stored++;
        expect(text, what).toBe("got ");
      } else {
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        const error = JSON.parse(text).error;
        expect(error.code, what).toMatch(/^[a-z_]+$/);
        expect(error.message.length, what).toBeGreaterThan(0);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const count = async (sql: string) => Number((await ledgerSql(u.workspaceId, sql, bundleId))[0].n);
    expect(await count("SELECT count(*) AS n FROM run WHERE bundle_id = ?")).toBe(stored);
    const deadline = Date.now() + 60_000;
    while ((await count("SELECT count(*) AS n FROM run WHERE bundle_id = ? AND status NOT IN ('stopped')")) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const unfinished = await ledgerSql(u.workspaceId, "SELECT id, status, error FROM run WHERE bundle_id = ? AND status != 'stopped' LIMIT 3", bundleId);
    expect(unfinished, `seed ${seed}`).toEqual([]);
  }, 120_000);
});
