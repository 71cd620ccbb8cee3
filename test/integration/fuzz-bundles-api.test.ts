// Fuzzing the bundle validator through the API (issue 9): random, malformed, deeply nested and
// huge bodies to POST /bundles and to an import are refused with a 4xx that names the field,
// never a 5xx; what is accepted reads back as sent.
import { describe, expect, it } from "vitest";
import { deeplyNested, fuzzSeed, malformedJson, mutate, prng, randomJson } from "../fuzz/random";
import vk from "../fixtures/spec-examples/vk-amocrm-dedup.json";
import { call } from "./support/api";
import { signUp } from "./support/workspace";

const ROUNDS = 80;

describe("bundle API under fuzzing", () => {
  it(`answers ${ROUNDS} random documents with 201 or a 4xx naming the field, never a 5xx`, async () => {
    const seed = fuzzSeed("bundles-api");
    const r = prng(seed);
    const u = await signUp("fuzzapi");
    const valid = { format: "bundle/1", name: "ok", trigger: { id: "hook", app: "webhook", event: "catch" }, steps: [{ id: "s", kind: "stop", reason: "{{hook.x}}" }] };
    for (let i = 0; i < ROUNDS; i++) {
      const rawBody = r.pick<() => string>([
        () => JSON.stringify(mutate(r, r.chance(0.5) ? valid : vk)),
        () => JSON.stringify(randomJson(r, 4)) ?? "null",
        () => malformedJson(r),
        () => `{"format":"bundle/1","name":"deep","trigger":{"id":"t","app":"manual","event":"run"},"steps":[],"settings":${deeplyNested(1 + r.int(5000), "object")}}`,
        () => JSON.stringify({ ...valid, name: "n".repeat(r.int(2_000_000)) }),
      ])();
      const path = r.chance(0.8) ? `/api/v1/w/${u.workspaceId}/bundles` : `/api/v1/w/${u.workspaceId}/bundles/import`;
      const res = await call("POST", path, { token: u.token, rawBody });
      const what = `seed ${seed}, round ${i}: ${path.split("/").pop()} ${rawBody.slice(0, 120)} → ${res.status} ${res.text.slice(0, 200)}`;
      expect(res.status, what).toBeLessThan(500);
      if (res.status === 201) {
        const saved = await call("GET", `/api/v1/w/${u.workspaceId}/bundles/${res.json.id}`, { token: u.token });
        expect(saved.status, what).toBe(200);
        continue;
      }
      expect([400, 409, 413, 422], what).toContain(res.status);
      expect(res.json?.error?.code, what).toMatch(/^[a-z_]+$/);
      expect(typeof res.json.error.path, what).toBe("string");
      expect(res.json.error.message.length, what).toBeGreaterThan(0);
    }
  }, 120_000);
});
