// Links into the dashboard (bundle.url, run.url in templates and notifications).
import type { Env } from "../env";

export function appUrl(env: Env, path: string): string {
  return (env.PUBLIC_URL || "http://localhost:8787").replace(/\/+$/, "") + path;
}
