export type {
  ArgoAnalysisRunSummary,
  ArgoRolloutDetails,
  ArgoRolloutStep,
  CanaryGateType,
  CanaryPendingGate,
  CanaryRollout,
  CanaryRolloutAction,
  CanaryRolloutActionResponse,
  CanaryRolloutError,
  CanaryRolloutEvent,
  CanaryRolloutImage,
  CanaryRolloutSpec,
  CanaryRolloutStatus,
  CanaryStrategy,
  EntityRolloutsResponse,
  RolloutController,
  RolloutsResponse,
} from './rollouts';
export { CANARY_ROLLOUT_ACTIONS, ROLLOUT_CONTROLLERS } from './rollouts';
export type {
  RolloutControllerAction,
  RolloutHistoryAction,
  RolloutHistoryEntry,
  RolloutHistoryResponse,
  RolloutHistoryResult,
} from './history';
export type {
  EntityHealthResponse,
  MeshCaller,
  MeshHealthStatus,
  MeshHealthThresholds,
  MetricSeries,
  WorkloadCallers,
  WorkloadHealth,
} from './health';
export type {
  RolloutAnalysisMetric,
  RolloutAnalysisResponse,
} from './analysis';
export type {
  AppliedCanaryResponse,
  ApplyCanaryRequest,
  ApplyCanaryResponse,
  CanaryClusterInfo,
  ClustersResponse,
  EntityWorkload,
  EntityWorkloadsResponse,
} from './selfService';
