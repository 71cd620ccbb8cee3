// Serves the test doubles (test/fakes/) over HTTP, each on its own localhost port, for
// `npm run fakes` (fixed ports), the browser tests and the benchmarks (free ports). Each double
// keeps its state in memory in this process.
import { doubles } from "../../test/fakes/index.ts";
import { serveDouble, type ServedDouble } from "../../test/fakes/serve.ts";

export interface ServedDoubles {
  /** Host of the double (`amocrm.fake`) → its base URL (`http://127.0.0.1:8901`). */
  urls: Record<string, string>;
  close(): Promise<void>;
}

/** Serves every double in `ports` (port 0: any free one); doubles without a port are left out. */
export async function serveDoubles(ports: Record<string, number>): Promise<ServedDoubles> {
  const served: Array<[string, ServedDouble]> = [];
  for (const [host, app] of Object.entries(doubles)) {
    if (ports[host] !== undefined) served.push([host, await serveDouble(app, ports[host])]);
  }
  return {
    urls: Object.fromEntries(served.map(([host, double]) => [host, double.url])),
    close: async () => void (await Promise.all(served.map(([, double]) => double.close()))),
  };
}
