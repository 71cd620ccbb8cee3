// "Test this step" in the editor: one action step of a bundle run once for real, with the
// request it sent and the answer it got (secrets redacted). No run is recorded.
import { createRoute, z } from "@hono/zod-openapi";
import { getBundle } from "../../db/queries/bundles";
import { testActionStep } from "../engine/test-step";
import { localeOf } from "../i18n";
import { allSteps, manualSample, type ActionStep, type Bundle } from "../flow";
import { requireRole, workspaceMember } from "../http/access";
import { Conflict, NoSample, NotFound } from "../errors";
import { assertInBounds } from "../json/bounds";
import { NO_SUCH_BUNDLE } from "../http/messages";
import { bearerSecurity, errors, jsonResponse, newRouter, WorkspaceParam } from "../http/router";
import { StepTest } from "./schemas/bundle-step-test";

const Params = WorkspaceParam.extend({
  id: z.string().openapi({ param: { name: "id", in: "path" } }),
  step_id: z.string().openapi({ param: { name: "step_id", in: "path" } }),
});

const test = createRoute({
  tags: ["bundles"],
  security: bearerSecurity,
  middleware: [workspaceMember],
  method: "post",
  path: "/w/{ws}/bundles/{id}/steps/{step_id}/test",
  summary: "Run one action step once for real, from `trigger` (default: the stored test data)",
  description:
    "Earlier steps' outputs come from the bundle's last successful run (absent when there is none). " +
    "`request`/`response` are the last HTTP exchange the action made. Router, if, filter and stop steps answer 409.",
  request: {
    params: Params,
    body: { content: { "application/json": { schema: z.object({ trigger: z.record(z.string(), z.unknown()).optional() }) } }, required: false },
  },
  responses: { 200: jsonResponse(StepTest, "What the step did"), ...errors(400, 401, 403, 404, 409) },
});

export const bundleStepTestRoutes = newRouter().openapi(test, async (c) => {
  requireRole(c, "editor");
  const scope = c.get("scope");
  const { id, step_id: stepId } = c.req.valid("param");
  const bundle = await getBundle(scope, id);
  if (!bundle) throw new NotFound(NO_SUCH_BUNDLE, "/id");
  const document = bundle.document as Bundle;
  const step = allSteps(document.steps).find((s) => s.id === stepId);
  if (!step) throw new NotFound({ en: `The bundle has no step "${stepId}".`, ru: `В связке нет шага «${stepId}».` }, "/step_id");
  if (step.kind !== "action") throw new Conflict({ en: `Step "${stepId}" is a ${step.kind} step; only action steps can be tested on their own.`, ru: `Шаг «${stepId}» — это шаг вида «${step.kind}»; отдельно проверить можно только шаг-действие.` }, "/step_id");
  const body = (c.req.header("content-type")?.includes("json") ? c.req.valid("json") : undefined) ?? {};
  assertInBounds(body.trigger, "/trigger");
  const trigger = body.trigger ?? bundle.testData ?? manualSample(document);
  if (trigger === undefined) {
    throw new NoSample({ en: "There is no test data to render the step from: load test data from the trigger, or pass `trigger`.", ru: "Нет тестовых данных, из которых собрать шаг: загрузите тестовые данные из триггера или передайте `trigger`." }, "/trigger");
  }
  return c.json(await testActionStep(c.env, scope, bundle, step as ActionStep, trigger, localeOf(c)), 200);
});
