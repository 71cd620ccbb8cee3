// Asking the API again every few seconds while something is under way (a run, a Telegram
// link): a missed answer is simply retried on the next tick. Returns the stop function, so it
// fits an $effect's cleanup.
export function pollEvery(ms: number, tick: () => Promise<void>): () => void {
  const timer = setInterval(() => {
    tick().catch(() => {
      // the next tick tries again
    });
  }, ms);
  return () => clearInterval(timer);
}
