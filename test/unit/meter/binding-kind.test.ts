// The meter finds bindings by their shape, so a binding added to wrangler.toml (a Queue, an R2
// bucket, a new Durable Object) is metered without being named anywhere.
import { describe, expect, it } from "vitest";
import { bindingKind } from "../../../worker/meter/binding-kind";

const fn = async () => undefined;

describe("the kind of a binding, by shape", () => {
  it("tells D1, Durable Object namespaces, Queues, R2 buckets and Workflows apart", () => {
    expect(bindingKind({ prepare: fn, batch: fn, exec: fn, dump: fn })).toBe("d1");
    expect(bindingKind({ idFromName: fn, idFromString: fn, newUniqueId: fn, get: fn, jurisdiction: fn })).toBe("durableObject");
    expect(bindingKind({ send: fn, sendBatch: fn })).toBe("queue");
    expect(bindingKind({ head: fn, get: fn, put: fn, list: fn, delete: fn, createMultipartUpload: fn, resumeMultipartUpload: fn })).toBe("r2");
    expect(bindingKind({ create: fn, createBatch: fn, get: fn })).toBe("workflow");
  });

  it("leaves vars, secrets, KV, rate limits and assets alone", () => {
    expect(bindingKind("true")).toBeUndefined();
    expect(bindingKind(undefined)).toBeUndefined();
    expect(bindingKind([{ name: "0001.sql" }])).toBeUndefined();
    expect(bindingKind({ get: fn, put: fn, list: fn, delete: fn, getWithMetadata: fn })).toBeUndefined();
    expect(bindingKind({ limit: fn })).toBeUndefined();
    expect(bindingKind({ fetch: fn, connect: fn })).toBeUndefined();
  });

  it("leaves alone a service binding that answers to any method name (RPC)", () => {
    const anyName = new Proxy({}, { get: () => fn });
    expect(bindingKind(anyName)).toBeUndefined();
  });
});
