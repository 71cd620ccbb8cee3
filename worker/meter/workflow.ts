// A counting Workflow binding: instances created (create, createBatch) and looked up.
import { byteSize } from "./byte-size";
import { countsOf } from "./counters";
import { forward, passThrough } from "./forward";

export function meterWorkflow<T extends Workflow<any>>(native: T, binding: string): T {
  return new Proxy(native, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop === "create") {
        return (options?: WorkflowInstanceCreateOptions) => {
          const counts = countsOf.workflow(binding);
          counts.creates += 1;
          counts.paramBytes += byteSize(options?.params);
          return forward(value, target, [options]);
        };
      }
      if (prop === "createBatch") {
        return (batch: WorkflowInstanceCreateOptions[]) => {
          const counts = countsOf.workflow(binding);
          counts.batchCalls += 1;
          counts.creates += batch.length;
          for (const options of batch) counts.paramBytes += byteSize(options?.params);
          return forward(value, target, [batch]);
        };
      }
      if (prop === "get") {
        return (id: string) => {
          countsOf.workflow(binding).gets += 1;
          return forward(value, target, [id]);
        };
      }
      return passThrough(target, value);
    },
  });
}
