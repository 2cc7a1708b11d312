export {
  BUILTIN_METRICS,
  GATE_WEBHOOK_TYPES,
  VANE_APPROVAL_URL,
  WEBHOOK_TYPES,
  canarySpecSchema,
} from './canarySpecSchema';
export type { ValidCanarySpec } from './canarySpecSchema';
export { normalizeCanarySpec } from './normalizeCanarySpec';
export { validateCanarySpec } from './validateCanarySpec';
export type {
  CanarySpecError,
  CanarySpecValidation,
} from './validateCanarySpec';
export { metricTemplateSpecSchema } from './metricTemplateSpecSchema';
export type { ValidMetricTemplateSpec } from './metricTemplateSpecSchema';
export { parseDuration } from './parseDuration';
export { plannedCanaryWeights } from './plannedCanaryWeights';
export {
  validateCanaryManifest,
  validateMetricTemplateManifest,
} from './validateCanaryManifest';
export type { ManifestValidation } from './validateCanaryManifest';
