// Creating a workspace: a better-auth organization whose creator becomes its owner.
import type { Env } from "../env";
import { authFor } from "../auth/auth";

function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
  // Names repeat across tenants (and Cyrillic names slug to nothing), so a random tail keeps slugs unique.
  return `${base || "workspace"}-${crypto.randomUUID().slice(0, 8)}`;
}

export async function createWorkspace(env: Env, userId: string, name: string) {
  const org = await authFor(env).api.createOrganization({ body: { name, slug: slugFor(name), userId } });
  if (!org) throw new Error("workspace was not created");
  return { id: org.id, name: org.name, role: "owner" as const };
}
