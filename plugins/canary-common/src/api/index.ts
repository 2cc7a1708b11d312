export type {
  CanaryRollout,
  CanaryRolloutError,
  CanaryRolloutEvent,
  CanaryRolloutImage,
  CanaryRolloutSpec,
  CanaryRolloutStatus,
  CanaryStrategy,
  EntityRolloutsResponse,
  RolloutsResponse,
} from './rollouts';
