// The deployed configuration of each environment: its own Worker, database, queues, bucket and
// rate-limit namespaces, every binding of wrangler.toml present, and the operator's domain.
import { describe, expect, it } from "vitest";
import wranglerToml from "../../../wrangler.toml?raw";
import { ENVIRONMENTS, environmentConfig, resourceNames } from "../../../scripts/lib/deploy-config";

const ID = "11111111-2222-3333-4444-555555555555";
/** The lines of the `[env.<name>…]` part, for assertions that must not match the base file. */
const envPart = (toml: string) => toml.slice(toml.indexOf("---- written by npm run deploy"));

describe("environment config", () => {
  it("gives staging its own Worker, database, queues, bucket and rate-limit namespaces", () => {
    const part = envPart(environmentConfig(wranglerToml, { env: ENVIRONMENTS.staging, databaseId: ID }));
    expect(part).toContain('[env.staging]\nname = "svyazka-staging"');
    expect(part).toContain('database_name = "svyazka-staging"');
    expect(part).toContain(`database_id = "${ID}"`);
    expect(part).toContain('queue = "svyazka-runs-staging"');
    expect(part).toContain('queue = "svyazka-polls-staging"');
    expect(part).toContain('bucket_name = "svyazka-payloads-staging"');
    expect(part).toContain('namespace_id = "2001"');
    expect(part).not.toContain('namespace_id = "1001"');
    expect(part).not.toContain("routes");
  });

  it("copies every binding table wrangler does not inherit, each once per binding", () => {
    const part = envPart(environmentConfig(wranglerToml, { env: ENVIRONMENTS.production, databaseId: ID }));
    const count = (re: RegExp) => (wranglerToml.match(re) ?? []).length;
    for (const table of ["d1_databases", "durable_objects.bindings", "queues.producers", "queues.consumers", "r2_buckets", "ratelimits"]) {
      const base = count(new RegExp(`^\\[\\[${table.replace(".", "\\.")}\\]\\]$`, "gm"));
      expect(base, table).toBeGreaterThan(0);
      expect((part.match(new RegExp(`^\\[\\[env\\.production\\.${table.replace(".", "\\.")}\\]\\]$`, "gm")) ?? []).length, table).toBe(base);
    }
    expect(part).toContain('[env.production.vars]\nALLOW_PRIVATE_NETWORK = "false"');
    expect(part).toContain('METER = "false"');
  });

  it("keeps production on the base names, so a deployment made before environments carries on", () => {
    const part = envPart(environmentConfig(wranglerToml, { env: ENVIRONMENTS.production, databaseId: ID }));
    expect(part).toContain('name = "svyazka"\n');
    expect(part).toContain('database_name = "svyazka"\n');
    expect(part).toContain('queue = "svyazka-runs"\n');
    expect(resourceNames(wranglerToml, ENVIRONMENTS.production)).toEqual({ database: "svyazka", queues: ["svyazka-runs", "svyazka-polls"], buckets: ["svyazka-payloads"] });
  });

  it("puts the Worker on the operator's domain and makes it PUBLIC_URL", () => {
    const part = envPart(environmentConfig(wranglerToml, { env: ENVIRONMENTS.production, databaseId: ID, domain: "svyazka.example.com" }));
    expect(part).toContain('routes = [{ pattern = "svyazka.example.com", custom_domain = true }]');
    expect(part).toContain('PUBLIC_URL = "https://svyazka.example.com"');
  });

  it("sets PUBLIC_URL without a custom domain when given one, and neither when given nothing", () => {
    const part = envPart(environmentConfig(wranglerToml, { env: ENVIRONMENTS.staging, databaseId: ID, publicUrl: "https://svyazka-staging.acme.workers.dev" }));
    expect(part).toContain('PUBLIC_URL = "https://svyazka-staging.acme.workers.dev"');
    expect(part).not.toContain("routes");
    expect(envPart(environmentConfig(wranglerToml, { env: ENVIRONMENTS.staging, databaseId: ID }))).not.toContain("PUBLIC_URL");
  });
});
