export {
  CANARY_PHASES,
  isAnalysisUnderWay,
  isRolloutUnderWay,
  isTerminalPhase,
} from './CanaryPhase';
export type { CanaryPhase } from './CanaryPhase';
export { CANARY_ALERT_SEVERITIES, CANARY_API } from './Canary';
export type {
  Canary,
  CanaryAlert,
  CanaryAlertSeverity,
  CanaryAnalysis,
  CanaryCondition,
  CanaryGateWait,
  CanaryMetric,
  CanaryMetricResult,
  CanaryObjectRef,
  CanarySessionAffinity,
  CanarySpec,
  CanaryStatus,
  CanaryWebhook,
  CanaryWebhookType,
} from './Canary';
