// drizzle-kit reads db/schema.ts and writes flat SQL migrations (0000_name.sql) into
// db/migrations, the layout wrangler and readD1Migrations() both apply.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
