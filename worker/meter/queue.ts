// A counting Queue producer: messages (sendBatch counts each), calls, and body bytes.
import { byteSize } from "./byte-size";
import { countsOf } from "./counters";
import { passThrough } from "./forward";

export function meterQueue<T extends Queue<any>>(native: T, binding: string): T {
  return new Proxy(native, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "send") {
        return (body: unknown, options?: QueueSendOptions) => {
          const counts = countsOf.queue(binding);
          counts.calls += 1;
          counts.messages += 1;
          counts.bytes += byteSize(body);
          return target.send(body, options);
        };
      }
      if (prop === "sendBatch") {
        return (messages: Iterable<MessageSendRequest>, options?: QueueSendBatchOptions) => {
          const list = [...messages];
          const counts = countsOf.queue(binding);
          counts.calls += 1;
          counts.messages += list.length;
          for (const m of list) counts.bytes += byteSize(m.body);
          return target.sendBatch(list, options);
        };
      }
      return passThrough(target, value);
    },
  });
}
