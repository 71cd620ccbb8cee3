// The bench talks to Svyazka through its public REST API, like any user script would.

export class ApiError extends Error {}

export class Api {
  readonly base: string;
  readonly token: string;
  readonly workspaceId: string;

  constructor(base: string, token: string, workspaceId: string) {
    this.base = base;
    this.token = token;
    this.workspaceId = workspaceId;
  }

  /** Signs a fresh user up; the first workspace comes with it. */
  static async signUp(base: string, who: string): Promise<Api> {
    const body = await request<{ token: string; workspace_id: string }>(base, "POST", "/api/v1/auth/signup", undefined, {
      email: `${who}-${Date.now().toString(36)}@bench.example`,
      password: "bench password 0123456789",
      workspace_name: `Bench ${who}`,
    });
    return new Api(base, body.token, body.workspace_id);
  }

  /** A call under /api/v1/w/:ws. */
  ws<T>(method: string, path: string, body?: unknown): Promise<T> {
    return request<T>(this.base, method, `/api/v1/w/${this.workspaceId}${path}`, this.token, body);
  }

  async connection(app: string, fields: Record<string, unknown>): Promise<string> {
    return (await this.ws<{ id: string }>("POST", "/connections", { app, name: `${app} (bench)`, fields })).id;
  }

  /** Creates and enables a bundle; returns its id and, for webhook triggers, its URL on `base`. */
  async enabledBundle(document: Record<string, unknown>): Promise<{ id: string; hookUrl: string }> {
    const created = await this.ws<{ id: string; webhook_url: string | null }>("POST", "/bundles", { format: "bundle/1", ...document });
    await this.ws("POST", `/bundles/${created.id}/enable`);
    const hookUrl = created.webhook_url ? new URL(new URL(created.webhook_url).pathname, this.base).href : "";
    return { id: created.id, hookUrl };
  }
}

async function request<T>(base: string, method: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new ApiError(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** POSTs a JSON delivery to a webhook URL; throws unless it is accepted. */
export async function deliver(hookUrl: string, payload: unknown): Promise<void> {
  const res = await fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
  const text = await res.text();
  if (!res.ok) throw new ApiError(`the webhook answered ${res.status}: ${text.slice(0, 300)}`);
}
