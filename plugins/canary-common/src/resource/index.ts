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
  CanaryHeaderRoute,
  CanaryMetric,
  CanaryMetricResult,
  CanaryMirrorRoute,
  CanaryObjectRef,
  CanarySessionAffinity,
  CanarySpec,
  CanaryStatus,
  CanaryStep,
  CanaryStepPause,
  CanaryStringMatch,
  CanaryWebhook,
  CanaryWebhookType,
} from './Canary';
