// `npm run deploy [-- --env staging|production] [--domain svyazka.example.com | --public-url URL] [--dry-run]`:
// puts this checkout on Cloudflare (docs/deploy.md). Needs `wrangler login` (or
// CLOUDFLARE_API_TOKEN + CLOUDFLARE_ACCOUNT_ID). Production is the default.
//   1. builds the dashboard into web/build;
//   2. finds the environment's D1 database, creating it the first time, and turns its read
//      replication on (webhook lookups read from replicas: decision 0020);
//   3. creates its queues and payloads bucket the first time (found: left as they are);
//   4. writes wrangler.deploy.toml: wrangler.toml plus the environment's own names (git-ignored);
//   5. applies the D1 migrations remotely;
//   6. deploys the Worker with its secrets in the same upload: a Worker that lacks
//      BETTER_AUTH_SECRET or ENCRYPTION_KEY never goes live. Missing ones come from this
//      process's environment, else are generated; they are never printed.
// --dry-run does 1 and 4 with a placeholder database id and runs `wrangler deploy --dry-run`:
// no account needed (CI checks both environments this way).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ENVIRONMENTS, environmentConfig, resourceNames } from "./lib/deploy-config.ts";
import { capture, captureAll, mustRun, root, wrangler } from "./lib/run.ts";

/** Each required secret and how a new one is made: 32 random bytes, as the Worker reads them. */
const REQUIRED_SECRETS: Record<string, () => string> = {
  BETTER_AUTH_SECRET: () => randomBytes(32).toString("hex"),
  ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
};
const deployConfig = join(root, "wrangler.deploy.toml");

const { values: args } = parseArgs({
  options: { env: { type: "string", default: "production" }, domain: { type: "string" }, "public-url": { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
const env = ENVIRONMENTS[args.env!];
if (!env) fail(`--env must be one of ${Object.keys(ENVIRONMENTS).join(", ")}; got "${args.env}".`);
const domain = args.domain ?? process.env[`SVYAZKA_DOMAIN_${env.name.toUpperCase()}`];
if (domain !== undefined && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain)) fail(`--domain must be a host name such as svyazka.example.com; got "${domain}".`);
const publicUrl = args["public-url"] ?? process.env[`SVYAZKA_PUBLIC_URL_${env.name.toUpperCase()}`];
if (publicUrl !== undefined && !/^https:\/\/[^/\s]+$/.test(publicUrl)) fail(`--public-url must be an https origin such as https://svyazka.acme.workers.dev; got "${publicUrl}".`);
const baseToml = readFileSync(join(root, "wrangler.toml"), "utf8");
const names = resourceNames(baseToml, env);
const withEnv = ["--config", deployConfig, "--env", env.name];

console.log(`• Environment ${env.name}: Worker ${env.worker}${domain ? ` on https://${domain}` : " on its workers.dev address"}`);
console.log("• Building the dashboard…");
mustRun(process.execPath, ["scripts/build-web.ts"]);

if (args["dry-run"]) {
  writeFileSync(deployConfig, environmentConfig(baseToml, { env, databaseId: "00000000-0000-0000-0000-000000000000", domain, publicUrl }));
  mustRun(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", join(root, ".wrangler", "dry-run", env.name), ...withEnv]);
  console.log(`✔ Dry run of ${env.name} passed (nothing uploaded).`);
  process.exit(0);
}

const databaseId = process.env[`D1_DATABASE_ID_${env.name.toUpperCase()}`] || process.env.D1_DATABASE_ID || findDatabaseId() || createDatabase();
console.log(`• D1 database ${names.database}: ${databaseId}`);
await ensureReadReplication(databaseId);
for (const queue of names.queues) ensureQueue(queue);
for (const bucket of names.buckets) ensureBucket(bucket);
writeFileSync(deployConfig, environmentConfig(baseToml, { env, databaseId, domain, publicUrl }));

console.log("• Applying D1 migrations remotely…");
mustRun(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--remote", ...withEnv], { env: { ...process.env, CI: "true" } });

deployWithSecrets();

function deployWithSecrets() {
  const present = presentSecrets();
  const missing = Object.keys(REQUIRED_SECRETS).filter((name) => !present.has(name));
  const secrets = Object.fromEntries(missing.map((name) => [name, process.env[name] || REQUIRED_SECRETS[name]()]));
  for (const name of missing) console.log(`• Secret ${name}: ${process.env[name] ? "from this shell's environment" : "generated"} (not shown)`);
  const dir = mkdtempSync(join(tmpdir(), "svyazka-secrets-"));
  const file = join(dir, "secrets.json");
  try {
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
    console.log("• Deploying the Worker…");
    mustRun(process.execPath, [wrangler, "deploy", ...withEnv, ...(missing.length ? ["--secrets-file", file] : [])]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`✔ Deployed ${env.name}. Secrets present: ${Object.keys(REQUIRED_SECRETS).join(", ")}.`);
  if (!domain && !publicUrl) {
    console.warn("! No --domain or --public-url: links made outside a request (Telegram webhooks, failure alerts, share links)");
    console.warn("  need PUBLIC_URL. Rerun with --public-url set to the workers.dev address printed above.");
  }
  if (missing.includes("ENCRYPTION_KEY") && !process.env.ENCRYPTION_KEY) {
    console.log("  The generated ENCRYPTION_KEY exists only in Cloudflare: to keep a copy, set your own (docs/deploy.md, rotating the key).");
  }
}

/** The Worker's secret names; none for a Worker not deployed yet. Any other failure stops the deploy, so a key is never replaced on a guess. */
function presentSecrets(): Set<string> {
  const result = captureAll(process.execPath, [wrangler, "secret", "list", "--format", "json", ...withEnv]);
  if (result.ok) return new Set((JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as Array<{ name: string }>).map((s) => s.name));
  if (/not found|10007/i.test(result.stderr)) return new Set();
  fail(`Could not list the secrets of ${env.worker}, so none were changed:\n${result.stderr.trim()}`);
}

/** Read replication is a database setting wrangler only shows; the REST API sets it (with an API token). */
async function ensureReadReplication(id: string) {
  const out = capture(process.execPath, [wrangler, "d1", "info", names.database, "--json"]);
  const mode = out ? (JSON.parse(out.slice(out.indexOf("{"))) as Record<string, unknown>)["read_replication.mode"] : undefined;
  if (mode === "auto") return console.log("• D1 read replication: on");
  const { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ACCOUNT_ID: account } = process.env;
  if (token && account) {
    const res = await fetch(`https://api.cloudflare.com/client/v4/accounts/${account}/d1/database/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ read_replication: { mode: "auto" } }),
    });
    if (res.ok) return console.log("• D1 read replication: turned on");
    console.warn(`! Could not turn D1 read replication on (HTTP ${res.status}).`);
  }
  console.warn("! D1 read replication is off: webhook lookups all go to the primary. Turn it on in the");
  console.warn(`  dashboard (D1 → ${names.database} → Settings → Read replication) or rerun with CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.`);
}

// Asked by name, not found in a list: a list is paged, and "svyazka-runs" is a part of
// "svyazka-runs-staging", so production's resources looked present after a staging deploy.
function ensureQueue(name: string) {
  if (captureAll(process.execPath, [wrangler, "queues", "info", name]).ok) return console.log(`• Queue ${name}: present`);
  console.log(`• Creating queue ${name}…`);
  mustRun(process.execPath, [wrangler, "queues", "create", name]);
}

function ensureBucket(name: string) {
  if (captureAll(process.execPath, [wrangler, "r2", "bucket", "info", name]).ok) return console.log(`• R2 bucket ${name}: present`);
  console.log(`• Creating R2 bucket ${name}…`);
  mustRun(process.execPath, [wrangler, "r2", "bucket", "create", name]);
}

function findDatabaseId(): string | undefined {
  const out = capture(process.execPath, [wrangler, "d1", "list", "--json"]);
  if (!out) return undefined;
  const list = JSON.parse(out.slice(out.indexOf("["))) as Array<{ name: string; uuid: string }>;
  return list.find((d) => d.name === names.database)?.uuid;
}

function createDatabase(): string {
  console.log(`• Creating D1 database ${names.database}…`);
  mustRun(process.execPath, [wrangler, "d1", "create", names.database]);
  const id = findDatabaseId();
  if (!id) fail(`The database was created but could not be found afterwards; set D1_DATABASE_ID_${env.name.toUpperCase()} and retry.`);
  return id;
}

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}
