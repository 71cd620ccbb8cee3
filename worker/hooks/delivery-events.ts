// The event keys a delivery to a bundle's URL gets: they name the event (so a redelivery starts
// no second run) and tell deliveries apart from manual runs and retries ("the last delivery").
export const deliveryEvent = {
  /** A delivery with nothing that identifies it: every one is a new event. */
  fresh: () => `delivery-${crypto.randomUUID()}`,
  idempotent: (key: string) => `idem-${key}`,
  /** The opt-in dedupe_key rendered over the delivery, in a time bucket. */
  content: (value: string, bucket: number) => `${deliveryEvent.contentStable(value)}-${bucket}`,
  /** What the content keys of every bucket share: a spread bundle's shard is chosen by it (runs/ledger.ts runShardOf). */
  contentStable: (value: string) => `content-${value}`,
};

/** Prefixes of every delivery event, VK leads' `vk-<group>-<lead>` included (vk/callback.ts). */
export const DELIVERY_EVENT_PREFIXES = ["delivery-", "idem-", "content-", "vk-"] as const;
