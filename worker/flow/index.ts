// The bundle/1 format as pure code (no I/O, no Workers APIs): schema, validation, templates
// and conditions, shared by the Worker and the dashboard.
export {
  BundleSchema,
  ConditionSchema,
  StepSchema,
  TriggerSchema,
  ScheduleSchema,
  CONDITION_OPS,
  ID_PATTERN,
  isTimeZone,
  type Bundle,
  type Trigger,
  type Schedule,
  type Step,
  type ActionStep,
  type RouterStep,
  type IfStep,
  type FilterStep,
  type StopStep,
  type Condition,
  type Comparison,
} from "./bundle-schema";
export type { FlowError } from "./flow-error";
export { validateBundle, type ValidationContext, type ValidationResult } from "./validate";
export { renderTemplate, renderInputs, extractReferences, parseTemplate, FILTERS } from "./template";
export { evaluateCondition } from "./condition";
export { BUILTIN_TRIGGERS } from "./trigger-options";
export { manualSample } from "./manual-sample";
export { allSteps, forEachStep, mapSteps } from "./step-tree";
