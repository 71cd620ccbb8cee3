// A counting R2 bucket: operations by kind (class A: put, list, multipart; class B: get,
// head), and bytes written and read where the value or the result tells.
import { byteSize } from "./byte-size";
import { countsOf } from "./counters";
import { forward, passThrough } from "./forward";

export function meterR2(native: R2Bucket, binding: string): R2Bucket {
  return new Proxy(native, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      const counts = () => countsOf.r2(binding);
      switch (prop) {
        case "put":
          return async (key: string, body: unknown, options?: R2PutOptions) => {
            const c = counts();
            c.puts += 1;
            const measured = byteSize(body);
            const result = (await forward(value, target, [key, body, options])) as R2Object | null;
            c.putBytes += measured || (result?.size ?? 0);
            return result;
          };
        case "get":
          return async (key: string, options?: R2GetOptions) => {
            const c = counts();
            c.gets += 1;
            const result = (await forward(value, target, [key, options])) as R2ObjectBody | R2Object | null;
            c.getBytes += result?.size ?? 0;
            return result;
          };
        case "delete":
          return (keys: string | string[]) => {
            counts().deletes += Array.isArray(keys) ? keys.length : 1;
            return forward(value, target, [keys]);
          };
        case "head":
        case "list":
        case "createMultipartUpload":
        case "resumeMultipartUpload":
          return (...args: unknown[]) => {
            const c = counts();
            if (prop === "head") c.heads += 1;
            else if (prop === "list") c.lists += 1;
            else c.multipart += 1;
            return forward(value, target, args);
          };
        default:
          return passThrough(target, value);
      }
    },
  });
}
