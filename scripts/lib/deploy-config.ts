// The deployed configuration of one environment, written from wrangler.toml so that every
// binding stays declared once. Wrangler does not let an `[env.<name>]` inherit bindings, vars or
// rate limits, so this copies those tables into the environment's own and renames what must be
// its own: the Worker (and so its Durable Object namespaces), the D1 database, the queues, the
// bucket and the rate-limit namespaces. Pure text in, text out: test/unit/deploy-config.test.ts.

export interface Environment {
  /** "staging" or "production". */
  name: string;
  /** The Worker's name; production keeps the base name so a deployment made before environments carries on. */
  worker: string;
  /** Appended to the D1 database, queue and bucket names ("" for production, for the same reason). */
  suffix: string;
  /** Added to every rate-limit namespace id, so the environments count apart. */
  rateLimitOffset: number;
}

export const ENVIRONMENTS: Record<string, Environment> = {
  production: { name: "production", worker: "svyazka", suffix: "", rateLimitOffset: 0 },
  staging: { name: "staging", worker: "svyazka-staging", suffix: "-staging", rateLimitOffset: 1000 },
};

export interface DeployTarget {
  env: Environment;
  databaseId: string;
  /** A host name of the operator's own (e.g. "svyazka.example.com"): a Workers custom domain and PUBLIC_URL. */
  domain?: string;
  /** PUBLIC_URL without a custom domain (e.g. the workers.dev address); `domain` wins. */
  publicUrl?: string;
}

/** Tables wrangler does not inherit into an environment, as they appear in wrangler.toml. */
const NOT_INHERITED = ["d1_databases", "durable_objects.bindings", "queues.producers", "queues.consumers", "r2_buckets", "ratelimits", "vars"];

/** wrangler.toml with an `[env.<name>]` for the target appended. */
export function environmentConfig(baseToml: string, target: DeployTarget): string {
  const { env } = target;
  const copied = tables(baseToml)
    .filter((t) => NOT_INHERITED.includes(t.name))
    .map((t) => {
      const header = t.array ? `[[env.${env.name}.${t.name}]]` : `[env.${env.name}.${t.name}]`;
      let body = t.body;
      if (t.name === "d1_databases") {
        body = body.replace(/^database_name = "(.*)"$/m, `database_name = "$1${env.suffix}"`).replace(/^database_id = ".*$/m, `database_id = "${target.databaseId}"`);
      }
      if (t.name.startsWith("queues.")) body = body.replace(/^queue = "(.*)"$/m, `queue = "$1${env.suffix}"`);
      if (t.name === "r2_buckets") body = body.replace(/^bucket_name = "(.*)"$/m, `bucket_name = "$1${env.suffix}"`);
      if (t.name === "ratelimits") body = body.replace(/^namespace_id = "(\d+)"$/m, (_, id: string) => `namespace_id = "${Number(id) + env.rateLimitOffset}"`);
      const publicUrl = target.domain ? `https://${target.domain}` : target.publicUrl;
      if (t.name === "vars" && publicUrl) body = `${body.trimEnd()}\nPUBLIC_URL = "${publicUrl}"\n`;
      return `${header}\n${body.trimEnd()}\n`;
    });
  const head = [`[env.${env.name}]`, `name = "${env.worker}"`];
  if (target.domain) head.push(`routes = [{ pattern = "${target.domain}", custom_domain = true }]`);
  return `${baseToml.trimEnd()}\n\n# ---- written by npm run deploy for the ${env.name} environment ----\n${head.join("\n")}\n\n${copied.join("\n")}`;
}

/** The names of the D1 database, queues and bucket an environment uses, from wrangler.toml. */
export function resourceNames(baseToml: string, env: Environment) {
  const all = (key: string) => [...new Set([...baseToml.matchAll(new RegExp(`^${key} = "(.*)"$`, "gm"))].map((m) => m[1] + env.suffix))];
  return { database: all("database_name")[0], queues: all("queue"), buckets: all("bucket_name") };
}

interface Table {
  name: string;
  array: boolean;
  body: string;
}

/** The top-level tables of a TOML file as written here: a `[name]` or `[[name]]` header, then its lines. */
function tables(toml: string): Table[] {
  const out: Table[] = [];
  let current: Table | undefined;
  for (const line of toml.split("\n")) {
    const header = /^\[(\[)?([A-Za-z0-9_.]+)\]\]?\s*$/.exec(line);
    if (header) {
      current = { name: header[2], array: Boolean(header[1]), body: "" };
      out.push(current);
    } else if (current && !line.startsWith("#")) current.body += `${line}\n`;
  }
  return out;
}
