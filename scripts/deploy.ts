// `npm run deploy`: puts this checkout on Cloudflare. Needs `wrangler login` (or
// CLOUDFLARE_API_TOKEN + CLOUDFLARE_ACCOUNT_ID) and the secrets listed in the README.
//   1. builds the dashboard into web/build;
//   2. finds the D1 database "svyazka" in the account, creating it the first time, and turns its
//      read replication on (webhook lookups read from replicas: decision 0020);
//   3. creates the runs and polls queues and the payloads R2 bucket the first time (found: left as they are);
//   4. writes wrangler.deploy.toml (wrangler.toml with the real database_id; git-ignored);
//   5. applies the D1 migrations remotely, then deploys the Worker (Durable Objects, queue
//      consumer, cron, assets).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { capture, mustRun, root, wrangler } from "./lib/run.ts";

const DATABASE_NAME = "svyazka";
const QUEUE_NAMES = ["svyazka-runs", "svyazka-polls"];
const BUCKET_NAME = "svyazka-payloads";
const REQUIRED_SECRETS = ["BETTER_AUTH_SECRET", "ENCRYPTION_KEY"];
const deployConfig = join(root, "wrangler.deploy.toml");

console.log("• Building the dashboard…");
mustRun(process.execPath, ["scripts/build-web.ts"]);

const databaseId = process.env.D1_DATABASE_ID || findDatabaseId() || createDatabase();
console.log(`• D1 database ${DATABASE_NAME}: ${databaseId}`);
await ensureReadReplication(databaseId);
for (const queue of QUEUE_NAMES) ensureQueue(queue);
ensureBucket();
const config = readFileSync(join(root, "wrangler.toml"), "utf8").replace(
  /^database_id = ".*"$/m,
  `database_id = "${databaseId}"`,
);
writeFileSync(deployConfig, config);

console.log("• Applying D1 migrations remotely…");
mustRun(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--remote", "--config", deployConfig], {
  env: { ...process.env, CI: "true" },
});

console.log("• Deploying the Worker…");
mustRun(process.execPath, [wrangler, "deploy", "--config", deployConfig]);
warnAboutMissingSecrets();

function ensureQueue(name: string) {
  const list = capture(process.execPath, [wrangler, "queues", "list"]) ?? "";
  if (list.includes(name)) return console.log(`• Queue ${name}: present`);
  console.log(`• Creating queue ${name}…`);
  mustRun(process.execPath, [wrangler, "queues", "create", name]);
}

function ensureBucket() {
  const list = capture(process.execPath, [wrangler, "r2", "bucket", "list"]) ?? "";
  if (list.includes(BUCKET_NAME)) return console.log(`• R2 bucket ${BUCKET_NAME}: present`);
  console.log(`• Creating R2 bucket ${BUCKET_NAME}…`);
  mustRun(process.execPath, [wrangler, "r2", "bucket", "create", BUCKET_NAME]);
}

function findDatabaseId(): string | undefined {
  const out = capture(process.execPath, [wrangler, "d1", "list", "--json"]);
  if (!out) return undefined;
  const list = JSON.parse(out.slice(out.indexOf("["))) as Array<{ name: string; uuid: string }>;
  return list.find((d) => d.name === DATABASE_NAME)?.uuid;
}

function createDatabase(): string {
  console.log(`• Creating D1 database ${DATABASE_NAME}…`);
  mustRun(process.execPath, [wrangler, "d1", "create", DATABASE_NAME]);
  const id = findDatabaseId();
  if (!id) {
    console.error("✖ The database was created but could not be found afterwards; set D1_DATABASE_ID and retry.");
    process.exit(1);
  }
  return id;
}

/** Read replication is a database setting wrangler only shows; the REST API sets it (with an API token). */
async function ensureReadReplication(id: string) {
  const out = capture(process.execPath, [wrangler, "d1", "info", DATABASE_NAME, "--json"]);
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
  console.warn(`  dashboard (D1 → ${DATABASE_NAME} → Settings → Read replication) or rerun with CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.`);
}

function warnAboutMissingSecrets() {
  const out = capture(process.execPath, [wrangler, "secret", "list", "--config", deployConfig]);
  const present = new Set(out ? (JSON.parse(out.slice(out.indexOf("["))) as Array<{ name: string }>).map((s) => s.name) : []);
  const missing = REQUIRED_SECRETS.filter((s) => !present.has(s));
  if (missing.length === 0) return console.log("✔ Deployed. Secrets present:", REQUIRED_SECRETS.join(", "));
  console.warn(`\n! Deployed, but these secrets are not set yet: ${missing.join(", ")}. Set each with:`);
  for (const name of missing) console.warn(`    npx wrangler secret put ${name} --config wrangler.deploy.toml`);
  console.warn("  (BETTER_AUTH_SECRET: 32+ random bytes as hex; ENCRYPTION_KEY: 32 random bytes as base64.)");
}
