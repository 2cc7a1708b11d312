import type { CanaryStep } from '../resource/Canary';

/**
 * A step in Argo Rollouts' vocabulary as Argo prints it (utils/rollout/rolloututil.go,
 * `CanaryStepString`), for the kinds Vane's `analysis.steps` take: `setWeight: 50`, `pause`,
 * `pause: 10m` (the duration as written), `setHeaderRoute: <name>`, `setMirrorRoute: <name>`.
 * The same words for a Vane Canary's steps and an Argo Rollout's.
 *
 * @public
 */
export function canaryStepLabel(step: CanaryStep): string {
  if (step.setWeight !== undefined) return `setWeight: ${step.setWeight}`;
  if (step.pause) {
    return step.pause.duration === undefined
      ? 'pause'
      : `pause: ${step.pause.duration}`;
  }
  if (step.setHeaderRoute) return `setHeaderRoute: ${step.setHeaderRoute.name}`;
  return `setMirrorRoute: ${step.setMirrorRoute?.name}`;
}
