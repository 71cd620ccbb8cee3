// Peak resident memory of a process tree (the start script, wrangler and workerd under it),
// sampled from /proc. Linux only; elsewhere the peak stays undefined.
import { readdirSync, readFileSync } from "node:fs";

/** pid → parent pid of every process now; undefined without /proc. */
function parents(): Map<number, number> | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  const map = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended between listing and reading
    }
  }
  return map;
}

function treeRssBytes(rootPid: number): number | undefined {
  const parentOf = parents();
  if (!parentOf) return undefined;
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parentOf.get(p)) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const pid of parentOf.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // ended meanwhile
    }
  }
  return total > 0 ? total : undefined;
}

/** Samples the summed RSS of `rootPid` and its descendants every `everyMs` until stop(), which returns the peak in bytes. */
export function sampleTreeRss(rootPid: number, everyMs = 200): { stop(): number | undefined } {
  let peak: number | undefined;
  const sample = () => {
    const now = treeRssBytes(rootPid);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
