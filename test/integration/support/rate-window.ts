// The rate-limit binding counts in fixed windows aligned to multiples of the period; a test
// that sends a burst first waits until the burst fits in one window.

/** Waits, if need be, until `needMs` fit in the current window of `periodMs`. */
export async function roomInWindow(periodMs: number, needMs: number) {
  const left = periodMs - (Date.now() % periodMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
