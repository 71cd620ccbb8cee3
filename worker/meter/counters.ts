// The meter's counts, in module scope: one set per isolate, summed over every entry point
// (fetch, scheduled, queue, Workflow and Durable Object classes) that runs in it.

export interface D1Counts {
  /** Statements executed, batched ones included; reads + writes + other = statements. */
  statements: number;
  reads: number;
  writes: number;
  /** Neither (PRAGMA, BEGIN, …). */
  other: number;
  /** Round trips: single statements plus batch() and exec() calls. */
  roundTrips: number;
  batches: number;
  /** From the result's meta where the call returns one: run(), all(), batch(). */
  rowsRead: number;
  rowsWritten: number;
  /** Statements whose call returns no meta (first(), raw(), exec()): their rows are not in the two above. */
  withoutMeta: number;
  /** Bytes of the bound parameters (strings as UTF-8, blobs as their length, numbers as 8). */
  paramBytes: number;
}

export interface DurableObjectCounts {
  /** stub.fetch() plus RPC method calls. */
  requests: number;
  fetches: number;
  rpcCalls: number;
  /** Bytes of fetch bodies and of RPC arguments as JSON, where measurable. */
  bytes: number;
  /** Distinct objects addressed. */
  objects: number;
  /** Requests to the object that received the most. */
  busiestObjectRequests: number;
  /** RPC calls by method name. */
  methods: Record<string, number>;
}

export interface QueueCounts {
  messages: number;
  /** send() and sendBatch() calls. */
  calls: number;
  bytes: number;
}

export interface R2Counts {
  puts: number;
  gets: number;
  heads: number;
  lists: number;
  deletes: number;
  /** createMultipartUpload, resumeMultipartUpload: class A like put. */
  multipart: number;
  putBytes: number;
  getBytes: number;
}

export interface WorkflowCounts {
  /** Instances asked for, through create() or createBatch(). */
  creates: number;
  batchCalls: number;
  gets: number;
  paramBytes: number;
}

/** Statements of a Sessions API session (read replicas) are counted under the binding's name with this suffix. */
export const REPLICA_SUFFIX = "@replica";

export interface MeterSnapshot {
  /** When the counts were last reset (or the isolate started). */
  since: string;
  /** A random id of the isolate that holds these counts. */
  isolate: string;
  /** Invocations per entry point ("fetch", "scheduled", "queue", a class name). */
  entries: Record<string, number>;
  d1: Record<string, D1Counts>;
  durableObjects: Record<string, DurableObjectCounts>;
  queues: Record<string, QueueCounts>;
  r2: Record<string, R2Counts>;
  workflows: Record<string, WorkflowCounts>;
}

// Random values and the clock are not available at global scope in workerd: set on first use.
let isolate: string | undefined;
let since: Date | undefined;
let entries: Record<string, number> = {};
let d1: Record<string, D1Counts> = {};
let durableObjects: Record<string, Omit<DurableObjectCounts, "objects" | "busiestObjectRequests">> = {};
/** Requests per object id, per namespace binding. */
let perObject: Record<string, Map<string, number>> = {};
let queues: Record<string, QueueCounts> = {};
let r2: Record<string, R2Counts> = {};
let workflows: Record<string, WorkflowCounts> = {};

function slot<T>(table: Record<string, T>, binding: string, empty: () => T): T {
  return (table[binding] ??= empty());
}

export const countsOf = {
  d1: (binding: string) =>
    slot(d1, binding, () => ({ statements: 0, reads: 0, writes: 0, other: 0, roundTrips: 0, batches: 0, rowsRead: 0, rowsWritten: 0, withoutMeta: 0, paramBytes: 0 })),
  queue: (binding: string) => slot(queues, binding, () => ({ messages: 0, calls: 0, bytes: 0 })),
  r2: (binding: string) => slot(r2, binding, () => ({ puts: 0, gets: 0, heads: 0, lists: 0, deletes: 0, multipart: 0, putBytes: 0, getBytes: 0 })),
  workflow: (binding: string) => slot(workflows, binding, () => ({ creates: 0, batchCalls: 0, gets: 0, paramBytes: 0 })),
};

export function countEntry(name: string): void {
  entries[name] = (entries[name] ?? 0) + 1;
}

/** One request to the object `objectKey` of a namespace: a fetch, or an RPC call of `method`. */
export function countObjectRequest(binding: string, objectKey: string, method: string | "fetch", bytes: number): void {
  const counts = slot(durableObjects, binding, () => ({ requests: 0, fetches: 0, rpcCalls: 0, bytes: 0, methods: {} as Record<string, number> }));
  counts.requests += 1;
  counts.bytes += bytes;
  if (method === "fetch") counts.fetches += 1;
  else {
    counts.rpcCalls += 1;
    counts.methods[method] = (counts.methods[method] ?? 0) + 1;
  }
  const objects = slot(perObject, binding, () => new Map<string, number>());
  objects.set(objectKey, (objects.get(objectKey) ?? 0) + 1);
}

export function snapshot(): MeterSnapshot {
  const objects = Object.fromEntries(
    Object.entries(durableObjects).map(([binding, counts]) => {
      const perId = perObject[binding] ?? new Map<string, number>();
      return [binding, { ...counts, methods: { ...counts.methods }, objects: perId.size, busiestObjectRequests: busiest(perId) }];
    }),
  );
  const copy = <T>(table: Record<string, T>) => structuredClone(table);
  isolate ??= crypto.randomUUID();
  since ??= new Date();
  return { since: since.toISOString(), isolate, entries: { ...entries }, d1: copy(d1), durableObjects: objects, queues: copy(queues), r2: copy(r2), workflows: copy(workflows) };
}

function busiest(perId: Map<string, number>): number {
  let most = 0;
  for (const n of perId.values()) if (n > most) most = n;
  return most;
}

export function resetCounts(): void {
  since = new Date();
  entries = {};
  d1 = {};
  durableObjects = {};
  perObject = {};
  queues = {};
  r2 = {};
  workflows = {};
}
