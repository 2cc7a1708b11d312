export { CANARY_PHASES, isTerminalPhase } from './CanaryPhase';
export type { CanaryPhase } from './CanaryPhase';
export { CANARY_API } from './Canary';
export type {
  Canary,
  CanaryAnalysis,
  CanaryCondition,
  CanaryGateWait,
  CanaryMetric,
  CanaryMetricResult,
  CanaryObjectRef,
  CanarySpec,
  CanaryStatus,
  CanaryWebhook,
  CanaryWebhookType,
} from './Canary';
