// The pieces every route file uses: a router whose zod validation failures become
// {error: {code, message, path}} with a JSON-pointer path, and the shared error schema.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { issueInRussian, type Text } from "../i18n";
import type { AppEnv } from "./context";
import { jsonPointer } from "../json/pointer";
import { ValidationFailed } from "../errors";

export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const first = result.error.issues[0];
      // zod leaves the offending value off its issues unless asked; without it a wrong value
      // (2.5 for an integer) read as a missing one, and zod's Russian could not be matched. The
      // validator hands the hook the request's value (`data`), though the type leaves it out.
      const input = "data" in result ? result.data : undefined;
      const issue = first && ({ ...first, input: first.input ?? valueAt(input, first.path) } as z.core.$ZodIssue);
      const path = jsonPointer(issue?.path ?? []);
      const where = result.target === "json" ? "" : ` (${result.target})`;
      const message = issue ? describeIssue(issue, path, where) : { en: "Invalid request.", ru: "Неправильный запрос." };
      throw new ValidationFailed(message, path);
    },
  });
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined), data);
}

function describeIssue(issue: z.core.$ZodIssue, path: string, where: string): Text {
  const field = path ? `${path.slice(1)}` : "body";
  const fieldRu = path ? `поле «${path.slice(1)}»` : "тело запроса";
  if (issue.code === "invalid_type" && issue.input === undefined) return { en: `${field} is required.` + where, ru: `Нужно заполнить ${fieldRu}.` + where };
  return { en: `${field}: ${issue.message}` + where, ru: `${fieldRu[0].toUpperCase()}${fieldRu.slice(1)}: ${issueInRussian(issue)}` + where };
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      path: z.string().openapi({ example: "/email" }),
      details: z
        .array(z.object({ code: z.string(), message: z.string(), path: z.string() }))
        .optional()
        .openapi({ description: "Every problem found, when there are several (bundle validation)" }),
    }),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** Error responses to list on a route, by status. */
export function errors(...statuses: Array<400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429>) {
  const text: Record<number, string> = {
    400: "Invalid input; `path` names the field",
    401: "Missing or bad credentials",
    403: "Not allowed for this role",
    404: "Not found (or belongs to another workspace)",
    409: "Conflicts with existing state",
    410: "Gone",
    413: "Body too large",
    422: "Semantically invalid",
    429: "Too many requests",
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: text[s], content: errorContent }]));
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** The optional Idempotency-Key header of requests that start runs by hand (docs/api.md "Runs"). */
export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, { error: "Use 1 to 200 visible ASCII characters, e.g. a UUID." })
    .optional()
    .openapi({
      param: { name: "idempotency-key", in: "header" },
      description: "A new value per user action (a UUID): the same request sent again with it starts nothing new and answers the same run ids",
      example: "5f0c6b1e-2d7a-4c1e-9b2f-3a4d5e6f7a8b",
    }),
});

/** Bearer session tokens and workspace API keys, for the OpenAPI document. */
export const bearerSecurity = [{ bearer: [] }];
export const WorkspaceParam = z.object({ ws: z.string().openapi({ param: { name: "ws", in: "path" }, example: "ws_123" }) });

/** An email address, trimmed and lower-cased before it is checked (people paste spaces). */
export const EmailField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.email({ message: "Enter a valid email address." }).max(254),
);
