export type {
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
  RolloutsResponse,
} from './rollouts';
export { CANARY_ROLLOUT_ACTIONS } from './rollouts';
export type {
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
