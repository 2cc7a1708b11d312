export {
  CANARY_PHASES,
  isAnalysisUnderWay,
  isRolloutUnderWay,
  isTerminalPhase,
} from './CanaryPhase';
export type { CanaryPhase } from './CanaryPhase';
export { ARGO_ROLLOUT_PHASES, ROLLOUT_PHASES } from './RolloutPhase';
export type { ArgoRolloutPhase, RolloutPhase } from './RolloutPhase';
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
