// Validates a bundle/1 document: the schema first, then what a schema cannot say: unique ids,
// forward-only jumps, templates that refer only to data that exists by then, and (with a
// context) the workspace's catalogue and connections.
import { z } from "zod";
import { BundleSchema, UNARY_OPS, type Bundle, type Condition, type Step, type Trigger } from "./bundle-schema";
import type { Text } from "../i18n/text";
import { MAX_DOCUMENT_BYTES, outOfBounds } from "../json/bounds";
import { flowError, type FlowError, type PathSegment } from "./flow-error";
import { schemaErrors } from "./schema-errors";
import { parseTemplate } from "./template";
import { cronProblem } from "./cron";
import { allSteps, forEachStep } from "./step-tree";
import { builtinTrigger, TEMPLATE_OPTIONS, type TriggerInfo } from "./trigger-options";

export interface ValidationContext {
  catalogue?: {
    trigger(app: string, event: string): TriggerInfo | undefined;
    action(app: string, action: string): { input: z.ZodObject; supportsDedup: boolean; connectionApp: string } | undefined;
  };
  connections?: { appOf(connectionId: string): string | undefined };
}

export type ValidationResult = { ok: true; bundle: Bundle } | { ok: false; errors: FlowError[] };

/** Fields every template may use besides trigger and step ids. */
const RUN_DATA: Readonly<Record<string, ReadonlySet<string>>> = {
  run: new Set(["id", "url", "started_at"]),
  bundle: new Set(["id", "name", "url"]),
};
/** Ids that would shadow run data or the router's "stop". */
const RESERVED_IDS: ReadonlySet<string> = new Set([...Object.keys(RUN_DATA), "stop"]);
const ALERT_APP = "telegram";

export function validateBundle(doc: unknown, ctx: ValidationContext = {}): ValidationResult {
  // A document past the bounds is not read further: zod's walk and ours would overflow the stack.
  const outside = outOfBounds(doc, "", MAX_DOCUMENT_BYTES);
  if (outside) return { ok: false, errors: [{ code: outside.code, message: outside.text.en, ru: outside.text.ru, path: outside.path }] };
  const parsed = BundleSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues) };
  const errors = new BundleChecker(parsed.data, ctx).check();
  // The caller's document, not zod's copy: key order and absent defaults stay as written.
  return errors.length ? { ok: false, errors } : { ok: true, bundle: doc as Bundle };
}

class BundleChecker {
  private readonly errors: FlowError[] = [];
  private readonly allIds: Set<string>;

  constructor(
    private readonly bundle: Bundle,
    private readonly ctx: ValidationContext,
  ) {
    this.allIds = new Set([bundle.trigger.id, ...allSteps(bundle.steps).map((step) => step.id)]);
  }

  check(): FlowError[] {
    this.checkIds();
    this.checkTrigger(this.bundle.trigger);
    this.checkList(this.bundle.steps, ["steps"], new Set([this.bundle.trigger.id]));
    const alert = this.bundle.settings?.notify_on_failure;
    if (alert) this.checkConnection(alert.connection, ALERT_APP, ["settings", "notify_on_failure", "connection"]);
    return this.errors;
  }

  private add(code: string, path: readonly PathSegment[], message: Text) {
    this.errors.push(flowError(code, path, message));
  }

  private checkIds() {
    const seen = new Set<string>();
    const visit = (id: string, path: PathSegment[], what: string) => {
      const whose = what === "trigger" ? "триггера" : "шага";
      if (RESERVED_IDS.has(id)) this.add("reserved_id", path, { en: `The id "${id}" is reserved; choose another one for the ${what}.`, ru: `ID «${id}» зарезервирован; выберите для ${whose} другой.` });
      else if (seen.has(id)) this.add("duplicate_id", path, { en: `${what === "trigger" ? "Trigger" : "Step"} id "${id}" is used twice.`, ru: `ID ${whose} «${id}» встречается дважды.` });
      seen.add(id);
    };
    visit(this.bundle.trigger.id, ["trigger", "id"], "trigger");
    forEachStep(this.bundle.steps, (step, path) => visit(step.id, [...path, "id"], "step"), ["steps"]);
  }

  private checkTrigger(trigger: Trigger) {
    const at = ["trigger"];
    const visible = new Set([trigger.id]);
    const info = this.ctx.catalogue?.trigger(trigger.app, trigger.event) ?? builtinTrigger(trigger.app, trigger.event);
    if (!info && this.ctx.catalogue) {
      this.add("unknown_trigger", [...at, "event"], { en: `App "${trigger.app}" has no trigger "${trigger.event}".`, ru: `У приложения «${trigger.app}» нет триггера «${trigger.event}».` });
    }
    if (info?.options) {
      // Connectors declare loose objects; unknown option keys are still an error here.
      const schema = info.options instanceof z.ZodObject ? info.options.strict() : info.options;
      const result = schema.safeParse(trigger.options ?? {}, { reportInput: true });
      if (!result.success) this.errors.push(...schemaErrors(result.error.issues, [...at, "options"]));
    }
    const name = `${trigger.app}.${trigger.event}`;
    if (info && trigger.schedule && !info.supportsSchedule) {
      this.add("schedule_not_supported", [...at, "schedule"], { en: `The trigger "${name}" starts by itself and takes no schedule.`, ru: `Триггер «${name}» срабатывает сам, расписание ему не нужно.` });
    }
    if (info?.supportsSchedule && !trigger.schedule) {
      this.add("schedule_required", [...at, "schedule"], { en: `The trigger "${name}" needs a schedule saying how often to check.`, ru: `Триггеру «${name}» нужно расписание: как часто проверять.` });
    }
    const never = trigger.schedule && cronProblem(trigger.schedule);
    if (never) this.add("invalid_cron", [...at, "schedule", "cron"], never);
    if (info?.needsConnection && !trigger.connection) {
      this.add("connection_required", [...at, "connection"], { en: `The trigger "${name}" needs a connection.`, ru: `Триггеру «${name}» нужно подключение.` });
    }
    if (trigger.connection) this.checkConnection(trigger.connection, trigger.app, [...at, "connection"]);
    for (const key of TEMPLATE_OPTIONS[`${trigger.app}.${trigger.event}`] ?? []) {
      const value = trigger.options?.[key];
      if (typeof value === "string") this.checkTemplate(value, [...at, "options", key], visible, { en: "the trigger", ru: "в триггере" });
    }
    if (trigger.filter) this.checkCondition(trigger.filter, [...at, "filter"], visible, { en: "the trigger's filter", ru: "в фильтре триггера" });
  }

  /** Walks one list in execution order; `visible` holds the ids that have run before it. */
  private checkList(steps: Step[], path: PathSegment[], before: ReadonlySet<string>) {
    const visible = new Set(before);
    steps.forEach((step, index) => {
      const at = [...path, index];
      const owner = stepOwner(step.id);
      switch (step.kind) {
        case "action":
          this.checkAction(step, at, visible);
          break;
        case "router":
          step.routes.forEach((route, r) => {
            this.checkCondition(route.when, [...at, "routes", r, "when"], visible, owner);
            this.checkJump(steps, index, route.goto, [...at, "routes", r, "goto"], { en: `Route ${r + 1} of "${step.id}"`, ru: `Маршрут ${r + 1} шага «${step.id}»` });
          });
          if (step.otherwise !== "stop") this.checkJump(steps, index, step.otherwise, [...at, "otherwise"], { en: `"otherwise" of "${step.id}"`, ru: `«otherwise» шага «${step.id}»` });
          break;
        case "if":
          this.checkCondition(step.when, [...at, "when"], visible, owner);
          visible.add(step.id); // the if's own result exists while its branch runs
          this.checkList(step.then, [...at, "then"], visible);
          if (step.else) this.checkList(step.else, [...at, "else"], visible);
          // After the if, whichever branch ran has left its steps' data (skipped ones are empty).
          for (const nested of allSteps([...step.then, ...(step.else ?? [])])) visible.add(nested.id);
          break;
        case "filter":
          this.checkCondition(step.when, [...at, "when"], visible, owner);
          break;
        case "stop":
          if (step.reason !== undefined) this.checkTemplate(step.reason, [...at, "reason"], visible, owner);
          break;
      }
      visible.add(step.id);
    });
  }

  private checkAction(step: Extract<Step, { kind: "action" }>, at: PathSegment[], visible: ReadonlySet<string>) {
    const owner = stepOwner(step.id);
    forEachString(step.input ?? {}, [...at, "input"], (text, path) => this.checkTemplate(text, path, visible, owner));
    const name = `"${step.app}.${step.action}"`;
    const nameRu = `«${step.app}.${step.action}»`;
    const entry = this.ctx.catalogue?.action(step.app, step.action);
    if (this.ctx.catalogue && !entry) {
      this.add("unknown_action", [...at, "action"], { en: `App "${step.app}" has no action "${step.action}".`, ru: `У приложения «${step.app}» нет действия «${step.action}».` });
    }
    if (entry) {
      const fields = entry.input.shape;
      for (const key of Object.keys(step.input ?? {})) {
        if (!Object.hasOwn(fields, key)) this.add("unknown_input", [...at, "input", key], { en: `The action ${name} has no field "${key}".`, ru: `У действия ${nameRu} нет поля «${key}».` });
      }
      for (const [key, field] of Object.entries(fields)) {
        // A field is optional when leaving it out parses: .optional(), .default(), blank-tolerant preprocess.
        const optional = (field as z.ZodType).safeParse(undefined).success;
        if (!optional && !Object.hasOwn(step.input ?? {}, key)) {
          this.add("missing_input", [...at, "input"], { en: `The action ${name} needs the field "${key}".`, ru: `Для действия ${nameRu} нужно заполнить поле «${key}».` });
        }
      }
      if (step.dedup && !entry.supportsDedup) {
        this.add("dedup_not_supported", [...at, "dedup"], { en: `The action ${name} does not create records, so it cannot check for duplicates.`, ru: `Действие ${nameRu} не создаёт записей, поэтому не может проверять дубли.` });
      }
      step.dedup?.match.forEach((set, i) =>
        set.forEach((key, j) => {
          if (!Object.hasOwn(fields, key)) this.add("unknown_input", [...at, "dedup", "match", i, j], { en: `The action ${name} has no field "${key}" to match on.`, ru: `У действия ${nameRu} нет поля «${key}», по которому искать совпадения.` });
        }),
      );
    }
    if (step.dedup?.update && (step.dedup.mode === "create_always" || step.dedup.mode === "skip_if_exists")) {
      this.add("dedup_update_unused", [...at, "dedup", "update"], { en: `"update" has no effect with mode "${step.dedup.mode}", which never changes a found record.`, ru: `«update» ни на что не влияет в режиме «${step.dedup.mode}»: в нём найденная запись не меняется.` });
    }
    if (step.connection) this.checkConnection(step.connection, entry?.connectionApp ?? step.app, [...at, "connection"]);
  }

  private checkJump(steps: Step[], from: number, target: string, path: PathSegment[], what: Text) {
    const index = steps.findIndex((s) => s.id === target);
    if (index < 0 && !this.allIds.has(target)) this.add("unknown_step", path, { en: `${what.en} goes to "${target}", which is not a step of this bundle.`, ru: `${what.ru} ведёт к «${target}», но такого шага в связке нет.` });
    else if (index < 0) this.add("jump_outside_list", path, { en: `${what.en} goes to "${target}", which is not in the same list of steps; a router can only jump within its own list.`, ru: `${what.ru} ведёт к «${target}», но этот шаг в другом списке шагов; роутер переходит только в пределах своего списка.` });
    else if (index <= from) this.add("jump_backward", path, { en: `${what.en} goes back to "${target}"; a router can only jump forward.`, ru: `${what.ru} ведёт назад, к «${target}»; роутер переходит только вперёд.` });
  }

  private checkConnection(id: string, app: string, path: PathSegment[]) {
    if (!this.ctx.connections) return; // placeholders in a document that is not tied to a workspace
    const actual = this.ctx.connections.appOf(id);
    if (actual === undefined) this.add("unknown_connection", path, { en: `Connection "${id}" does not exist in this workspace.`, ru: `Подключения «${id}» нет в этом рабочем пространстве.` });
    else if (actual !== app) this.add("wrong_connection", path, { en: `Connection "${id}" is for ${actual}, but ${app} is needed here.`, ru: `Подключение «${id}» — для ${actual}, а здесь нужно подключение к ${app}.` });
  }

  private checkCondition(condition: Condition, path: PathSegment[], visible: ReadonlySet<string>, owner: Text): void {
    const check = (c: Condition, at: PathSegment[]) => this.checkCondition(c, at, visible, owner);
    if ("all" in condition) return condition.all.forEach((c, i) => check(c, [...path, "all", i]));
    if ("any" in condition) return condition.any.forEach((c, i) => check(c, [...path, "any", i]));
    if ("not" in condition) return check(condition.not, [...path, "not"]);
    this.checkTemplate(condition.left, [...path, "left"], visible, owner);
    const { right, op } = condition;
    if (right === undefined) {
      if (!UNARY_OPS.has(op)) this.add("required", [...path, "right"], { en: `The comparison "${op}" needs a "right" value to compare with.`, ru: `Для сравнения «${op}» нужно значение «right», с которым сравнивать.` });
      return;
    }
    if (typeof right !== "string") return;
    this.checkTemplate(right, [...path, "right"], visible, owner);
    if (op === "matches" && !right.includes("{{") && !isRegExp(right, condition.ci)) {
      this.add("invalid_regex", [...path, "right"], { en: `"${right}" is not a valid regular expression.`, ru: `«${right}» — неправильное регулярное выражение.` });
    }
  }

  /** `owner` says where the template is: "step "a"" in English, "в шаге «a»" in Russian. */
  private checkTemplate(template: string, path: PathSegment[], visible: ReadonlySet<string>, owner: Text) {
    const { parts, problems } = parseTemplate(template);
    for (const problem of problems) this.add("bad_template", path, problem);
    for (const part of parts) {
      if (typeof part === "string") continue;
      const [root, field] = part.path;
      const shown = `"{{${part.source}}}"`;
      const shownRu = `«{{${part.source}}}» ${owner.ru}`;
      if (Object.hasOwn(RUN_DATA, root)) {
        if (field === undefined || !RUN_DATA[root].has(field) || part.path.length > 2) {
          const fields = [...RUN_DATA[root]].map((f) => `${root}.${f}`).join(", ");
          this.add("unknown_reference", path, { en: `${shown} in ${owner.en}: "${root}" has only ${fields}.`, ru: `${shownRu}: у «${root}» есть только ${fields}.` });
        }
      } else if (!this.allIds.has(root)) {
        this.add("unknown_reference", path, { en: `${shown} in ${owner.en} refers to "${root}", which is neither the trigger nor a step.`, ru: `${shownRu} ссылается на «${root}», но это не триггер и не шаг.` });
      } else if (!visible.has(root)) {
        this.add("later_reference", path, { en: `${shown} in ${owner.en} refers to "${root}", which does not run before it.`, ru: `${shownRu} ссылается на «${root}», но к этому месту «${root}» ещё не выполнен.` });
      }
    }
  }
}

function stepOwner(id: string): Text {
  return { en: `step "${id}"`, ru: `в шаге «${id}»` };
}

function isRegExp(pattern: string, ci?: boolean): boolean {
  try {
    new RegExp(pattern, ci ? "i" : "");
    return true;
  } catch {
    return false;
  }
}

/** Visits every string inside a JSON value (input values may be nested objects and lists). */
function forEachString(value: unknown, path: PathSegment[], visit: (text: string, path: PathSegment[]) => void) {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => forEachString(v, [...path, i], visit));
  else if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value)) forEachString((value as Record<string, unknown>)[key], [...path, key], visit);
  }
}
