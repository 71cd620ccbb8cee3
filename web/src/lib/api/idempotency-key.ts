// A new Idempotency-Key for each click on a button that starts runs: the API starts nothing
// new for a request it has already seen with that key. getRandomValues, unlike randomUUID, also
// works on a plain-http address (the dashboard opened by LAN address during `npm start`).
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
