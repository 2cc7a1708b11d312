export { analysisIntervalMs } from './analysisIntervalMs';
export { ARGO_STEP_REFUSALS } from './analysisSteps';
export {
  ANALYSIS_INTERVAL_BOUNDS,
  BUILTIN_METRICS,
  GATE_WEBHOOK_TYPES,
  VANE_APPROVAL_URL,
  WEBHOOK_TYPES,
  canarySpecSchema,
} from './canarySpecSchema';
export type { ValidCanarySpec } from './canarySpecSchema';
export {
  FLAGGER_FIELD_REFUSALS,
  FLAGGER_METRIC_TEMPLATE_REFUSALS,
} from './FLAGGER_FIELD_REFUSALS';
export type { FlaggerFieldRefusal } from './FLAGGER_FIELD_REFUSALS';
export { normalizeCanarySpec } from './normalizeCanarySpec';
export { validateCanarySpec } from './validateCanarySpec';
export type {
  CanarySpecError,
  CanarySpecValidation,
} from './validateCanarySpec';
export { metricTemplateSpecSchema } from './metricTemplateSpecSchema';
export type { ValidMetricTemplateSpec } from './metricTemplateSpecSchema';
export { canaryStepLabel } from './canaryStepLabel';
export { parseDuration } from './parseDuration';
export { pauseDurationMs } from './pauseDurationMs';
export { plannedCanaryWeights } from './plannedCanaryWeights';
export { stepPlan } from './stepPlan';
export type {
  CanaryStepPlan,
  CanaryStepTraffic,
  PlannedCanaryStep,
} from './stepPlan';
export {
  validateCanaryManifest,
  validateMetricTemplateManifest,
} from './validateCanaryManifest';
export type { ManifestValidation } from './validateCanaryManifest';
