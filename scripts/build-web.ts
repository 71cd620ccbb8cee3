// Builds the dashboard (web/) into web/build/, the directory the Worker serves as static assets.
// Runs Vite's build API with web/ as the working directory, because SvelteKit resolves its
// routes and generated files from there. Exits non-zero when the build fails.
import { existsSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const webDir = fileURLToPath(new URL("../web/", import.meta.url));

// Always a production build, even when started from a test run (vitest sets NODE_ENV=test, and
// Vite would then bundle Svelte's and SvelteKit's development code).
process.env.NODE_ENV = "production";

try {
  process.chdir(webDir);
  const { createBuilder } = await import("vite");
  // buildApp() (not build()) runs every environment SvelteKit declares, as `vite build` does
  const builder = await createBuilder({
    root: webDir,
    mode: "production",
    configFile: path.join(webDir, "vite.config.ts"),
    logLevel: "warn",
  });
  await builder.buildApp();
  const index = path.join(webDir, "build", "index.html");
  if (!existsSync(index)) throw new Error(`the build finished but ${index} is missing`);
  console.log("Dashboard built into web/build/");
} catch (error) {
  console.error("Dashboard build failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}
