// Client addresses for tests of the per-address limits (http/rate-limits.ts). The limit counts
// are kept per address for a minute and may be seen by every test that runs in that minute, so
// each caller gets its own address: 96 random bits in the documentation range 2001:db8::/32
// (a draw from 254 IPv4 addresses let two tests share one now and then, and one saw the
// other's attempts as its own).

/** A client address no other test uses. */
export function freshAddress(): string {
  const words = Array.from(crypto.getRandomValues(new Uint16Array(6)), (w) => w.toString(16));
  return `2001:db8:${words.join(":")}`;
}

/** The header the edge sets with the caller's address, for a fresh address or a given one. */
export const fromAddress = (ip: string = freshAddress()) => ({ "cf-connecting-ip": ip });
