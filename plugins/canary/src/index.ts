/**
 * Vane's canary frontend plugin: rollout cards, the Rollouts entity tab and the release overview.
 *
 * @packageDocumentation
 */
export {
  canaryPlugin,
  CanaryReleasesPage,
  ReleaseOverviewPage,
  EntityCanaryCard,
  EntityMeshHealthCard,
  EntityRolloutsContent,
} from './plugin';
export { isCanaryAvailable } from './components/CanaryLinks/isCanaryAvailable';
export { canaryApiRef } from './api/CanaryApi';
export type {
  CanaryApi,
  CanaryRolloutAction,
  CanaryRolloutsQuery,
  CanaryUnsubscribe,
} from './api/CanaryApi';
export { CanaryDeploymentPicker } from './scaffolder/CanaryDeploymentPicker/CanaryDeploymentPicker';
export type { CanaryDeploymentPickerUiOptions } from './scaffolder/CanaryDeploymentPicker/CanaryDeploymentPicker';
export { CanaryDeploymentPickerFieldExtension } from './scaffolder/CanaryDeploymentPicker/CanaryDeploymentPickerFieldExtension';
export type { DeploymentChoice } from './scaffolder/CanaryDeploymentPicker/DeploymentChoice';
