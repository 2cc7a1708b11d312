/**
 * Extension points of Vane's canary backend, for modules that add mesh routers, metric providers
 * and notifiers.
 *
 * @packageDocumentation
 */
export { canaryMeshRoutersExtensionPoint } from './routers/canaryMeshRoutersExtensionPoint';
export type { CanaryMeshRoutersExtensionPoint } from './routers/canaryMeshRoutersExtensionPoint';
export { createMeshRouterModule } from './routers/createMeshRouterModule';
export type {
  MeshRouter,
  MeshRouterContext,
  MeshRouterFactory,
  MeshRouterRefusal,
  MeshRoutes,
} from './routers/MeshRouter';
export type {
  MeshHealthTelemetry,
  MeshTelemetry,
} from './routers/MeshTelemetry';
export { UnsupportedRoutingError } from './routers/UnsupportedRoutingError';
export { canaryNotifiersExtensionPoint } from './notifiers/canaryNotifiersExtensionPoint';
export type { CanaryNotifiersExtensionPoint } from './notifiers/canaryNotifiersExtensionPoint';
export { createNotifierModule } from './notifiers/createNotifierModule';
export type {
  CanaryAlertProvider,
  CanaryNotifier,
  CanaryNotifierRequest,
  CanaryRolloutAlert,
} from './notifiers/CanaryNotifier';
export type {
  KubernetesObjectLike,
  KubernetesObjectReader,
  KubernetesObjectRef,
  KubernetesObjectWriter,
  KubernetesOwnerReference,
} from './cluster/KubernetesObjects';
export type {
  MetricProvider,
  MetricQueryResult,
  NoData,
} from './metrics/MetricProvider';
