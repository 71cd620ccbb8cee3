// `npm run keys:rotate -- --env production --url https://svyazka.example.com`: puts every stored secret under the
// Worker's current ENCRYPTION_KEY through its operator route (worker/routes/key-rotation.ts),
// page by page, printing each page's counts, then says whether ENCRYPTION_KEY_PREVIOUS can go.
// Needs OPERATOR_TOKEN in the environment (the same value as the Worker's secret). Safe to stop
// (Ctrl+C) and run again: a page is written before it is answered, and values already under the
// current key are only counted. Steps: docs/reliability.md, "Rotating the encryption key".
//
//   --url <origin>     the Worker (default: $SVYAZKA_URL; without --env, http://localhost:8787)
//   --env <name>       the deploy environment (docs/deploy.md), for the wrangler commands it suggests
//   --from <cursor>    go on from the cursor a stopped run printed (default: the start)
//   --limit <n>        values a page (1–500, default 100)
//   --status           only show how many values are under which key
import { parseArgs } from "node:util";

interface KeyCount {
  total: number;
  current: number;
  previous: number;
  other: number;
}
interface Status {
  current_key_id: string;
  previous_key_id: string | null;
  values: KeyCount;
  tables: Record<string, KeyCount>;
}
interface Page {
  scanned: number;
  reencrypted: number;
  already_current: number;
  failed: number;
  changed: number;
  next_cursor: string | null;
}
type Counts = Omit<Page, "next_cursor">;

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    env: { type: "string" },
    from: { type: "string" },
    limit: { type: "string", default: "100" },
    status: { type: "boolean", default: false },
  },
});
const url = args.url ?? process.env.SVYAZKA_URL ?? (args.env ? undefined : "http://localhost:8787");
if (!url) fail(`--url: where the ${args.env} Worker answers, e.g. https://svyazka.example.com`);
const origin = url.replace(/\/+$/, "");
const wranglerFlags = `--config wrangler.deploy.toml --env ${args.env ?? "production"}`;
const token = process.env.OPERATOR_TOKEN;
if (!token) {
  fail(
    "Set OPERATOR_TOKEN to the Worker's operator token first (it is never printed). To give the Worker one:\n" +
      `    export OPERATOR_TOKEN=$(openssl rand -hex 32); echo "$OPERATOR_TOKEN" | npx wrangler secret put OPERATOR_TOKEN ${wranglerFlags}`,
  );
}
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 500) fail("--limit is a whole number from 1 to 500.");

let cursor: string | null = args.from ?? null;
const before = await request<Status>("GET", "");
printStatus("Before:", before);
if (args.status) process.exit(verdict(before));
if (!before.previous_key_id) {
  console.warn("! The Worker has no ENCRYPTION_KEY_PREVIOUS: values under an older key cannot be read, so they will count as failed.");
}

let stopping = false;
process.on("SIGINT", () => {
  if (stopping) process.exit(130);
  stopping = true;
  console.log("\n… stopping after this page (Ctrl+C again to stop at once; either way nothing is lost).");
});

const sum: Counts = { scanned: 0, reencrypted: 0, already_current: 0, failed: 0, changed: 0 };
do {
  const page: Page = await request<Page>("POST", "/reencrypt", { cursor, limit });
  for (const k of Object.keys(sum) as Array<keyof Counts>) sum[k] += page[k];
  const where = (cursor ?? "").split(":")[0] || "connection";
  console.log(`  ${where.padEnd(12)} ${countsLine(page)}   (${sum.scanned} of ≈${before.values.total} read)`);
  cursor = page.next_cursor;
  if (stopping && cursor) {
    console.log(`Stopped. Run again to go on from here: npm run keys:rotate -- ${args.env ? `--env ${args.env} ` : ""}--url ${origin} --from '${cursor}'`);
    process.exit(130);
  }
} while (cursor);

console.log(`Done: ${countsLine(sum)}`);
const after = await request<Status>("GET", "");
printStatus("After:", after);
process.exit(verdict(after));

function countsLine(c: Counts): string {
  return `read ${c.scanned} · re-encrypted ${c.reencrypted} · already current ${c.already_current} · failed ${c.failed} · changed meanwhile ${c.changed}`;
}

function printStatus(title: string, s: Status) {
  const v = s.values;
  console.log(`${title} ${v.total} encrypted values: ${v.current} under the current key ${s.current_key_id}, ${v.previous} under the previous key ${s.previous_key_id ?? "(none set)"}, ${v.other} under neither.`);
}

/** What the operator does next; the exit code is 0 only when the previous key can go. */
function verdict(s: Status): number {
  if (s.values.other > 0) {
    console.log(`! ${s.values.other} values open under neither key: nobody can read them now, and rotation leaves them as they are. Workers Logs has their ids (event key_rotation.value_failed) each time a page reads them.`);
  }
  if (s.values.previous > 0) {
    console.log(`${s.values.previous} values are still under the previous key: run npm run keys:rotate (again, if one just ended: values saved meanwhile are taken by the next run). Keep ENCRYPTION_KEY_PREVIOUS until this says 0.`);
    return 2;
  }
  console.log(
    s.previous_key_id
      ? `✔ Nothing is left under the previous key. A minute after the last re-encryption, remove it: npx wrangler secret delete ENCRYPTION_KEY_PREVIOUS ${wranglerFlags}`
      : "✔ Every readable value is under the current key.",
  );
  return 0;
}

/** One call to the operator route, tried 3 times when the network or the Worker fails (a page is safe to repeat). */
async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let lastError = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await fetch(`${origin}/api/v1/internal/keys${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as T;
      const message = errorMessage(text);
      if (res.status === 404) fail(`${origin} has no operator route: set the Worker's OPERATOR_TOKEN secret (and deploy this version). ${message}`);
      if (res.status < 500) fail(`${method} ${path || "/"} answered ${res.status}: ${message}`);
      lastError = `HTTP ${res.status}: ${message}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, attempt * 1000));
  }
  const resume = cursor ? ` Run again to go on: --from '${cursor}'.` : "";
  return fail(`${origin} did not answer (${lastError}).${resume}`);
}

function errorMessage(text: string): string {
  try {
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
  } catch {
    return text.slice(0, 200);
  }
}

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}
