// A counting Durable Object namespace: requests per namespace (stub.fetch and RPC method
// calls), the bytes sent where measurable, and how many distinct objects were addressed.
import { byteSize, byteSizeOfAll } from "./byte-size";
import { countObjectRequest } from "./counters";
import { forward, passThrough } from "./forward";

/** Stub members that are not requests to the object. */
const NOT_REQUESTS = new Set<PropertyKey>(["id", "name", "connect", "dup", "then", "constructor", "toString", "toJSON"]);

/** Methods of the namespace that hand out stubs. */
const STUB_MAKERS = new Set<PropertyKey>(["get", "getByName", "getExisting"]);

export function meterDurableObjectNamespace<T extends DurableObjectNamespace<any>>(native: T, binding: string): T {
  return new Proxy(native, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (STUB_MAKERS.has(prop)) {
        return (idOrName: DurableObjectId | string, ...rest: unknown[]) => {
          const stub = forward(value, target, [idOrName, ...rest]) as DurableObjectStub;
          const key = typeof idOrName === "string" ? `name:${idOrName}` : idOrName.toString();
          return meterStub(stub, binding, key);
        };
      }
      if (prop === "jurisdiction") return (...args: unknown[]) => meterDurableObjectNamespace(forward(value, target, args), binding);
      return passThrough(target, value);
    },
  });
}

function meterStub(stub: DurableObjectStub, binding: string, objectKey: string): DurableObjectStub {
  return new Proxy(stub, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function" || typeof prop === "symbol" || NOT_REQUESTS.has(prop)) {
        return passThrough(target, value);
      }
      if (prop === "fetch") {
        return (input: RequestInfo | URL, init?: RequestInit) => {
          countObjectRequest(binding, objectKey, "fetch", requestBytes(input, init));
          return forward(value, target, [input, init]);
        };
      }
      return (...args: unknown[]) => {
        countObjectRequest(binding, objectKey, prop, byteSizeOfAll(args));
        return forward(value, target, args);
      };
    },
  });
}

function requestBytes(input: RequestInfo | URL, init?: RequestInit): number {
  if (init?.body !== undefined && init.body !== null) return byteSize(init.body);
  if (input instanceof Request) return Number(input.headers.get("content-length") ?? 0);
  return 0;
}
