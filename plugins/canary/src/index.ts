/**
 * Vane's canary frontend plugin: rollout cards, the Rollouts entity tab and the release overview.
 *
 * @packageDocumentation
 */
export {
  canaryPlugin,
  CanaryReleasesPage,
  EntityCanaryCard,
  EntityRolloutsContent,
} from './plugin';
export { canaryApiRef } from './api/CanaryApi';
export type {
  CanaryApi,
  CanaryRolloutAction,
  CanaryRolloutsQuery,
  CanaryUnsubscribe,
} from './api/CanaryApi';
