// Asking the API again every few seconds while something is under way (a run, a Telegram
// link, a sheet sync): a missed answer is simply retried on the next tick. Nobody reads a
// hidden tab, so it pauses while the tab is hidden and asks at once when it is shown again.
// Returns the stop function, so it fits an $effect's cleanup.
export function pollEvery(ms: number, tick: () => Promise<void>): () => void {
  const run = () => {
    tick().catch(() => {
      // the next tick tries again
    });
  };
  const timer = setInterval(() => {
    if (!document.hidden) run();
  }, ms);
  const onVisibility = () => {
    if (!document.hidden) run();
  };
  document.addEventListener("visibilitychange", onVisibility);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
