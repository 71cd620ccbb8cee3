// drizzle-kit for the run ledger's SQLite (one per workspace, in a Durable Object): reads
// db/ledger/schema.ts and writes SQL migrations into db/ledger/migrations; `npm run
// db:generate` then inlines them into db/ledger/migrations.ts, which the object applies.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  driver: "durable-sqlite",
  schema: "./db/ledger/schema.ts",
  out: "./db/ledger/migrations",
});
