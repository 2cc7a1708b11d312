import {
  ArgoRolloutStep,
  canaryStepLabel,
} from '@vane/plugin-canary-common';
import type { ArgoCanaryStep } from './ArgoRollout';

/**
 * A canary step of an Argo Rollout as the portal lists it, described as Argo prints it
 * (utils/rollout/rolloututil.go, `CanaryStepString`): `setWeight: 20`, `pause`, `pause: 30s`,
 * `experiment`, `analysis`, `setCanaryScale{weight: 40}`, `plugin: <name>`,
 * `setHeaderRoute: <name>`, `setMirrorRoute: <name>`, else `invalid`. The kinds Vane's steps
 * share with Argo's are worded by canaryStepLabel, as a Vane Canary's steps are.
 */
export function describeArgoStep(step: ArgoCanaryStep): ArgoRolloutStep {
  if (step.setWeight !== undefined) {
    return {
      kind: 'setWeight',
      description: canaryStepLabel({ setWeight: step.setWeight }),
      setWeight: step.setWeight,
    };
  }
  if (step.pause) {
    const duration =
      step.pause.duration === undefined
        ? undefined
        : String(step.pause.duration);
    return {
      kind: 'pause',
      // Argo prints the parsed duration (30s, 1h0m0s); the portal shows it as written.
      description: canaryStepLabel({
        pause: duration === undefined ? {} : { duration },
      }),
      ...(duration === undefined ? {} : { pauseDuration: duration }),
    };
  }
  if (step.experiment) return { kind: 'experiment', description: 'experiment' };
  if (step.analysis) return { kind: 'analysis', description: 'analysis' };
  const scale = step.setCanaryScale;
  if (scale) {
    if (scale.weight !== undefined) {
      return {
        kind: 'setCanaryScale',
        description: `setCanaryScale{weight: ${scale.weight}}`,
      };
    }
    if (scale.matchTrafficWeight) {
      return {
        kind: 'setCanaryScale',
        description: 'setCanaryScale{matchTrafficWeight: true}',
      };
    }
    if (scale.replicas !== undefined) {
      return {
        kind: 'setCanaryScale',
        description: `setCanaryScale{replicas: ${scale.replicas}}`,
      };
    }
  }
  if (step.plugin) {
    return { kind: 'plugin', description: `plugin: ${step.plugin.name ?? ''}` };
  }
  if (step.setHeaderRoute) {
    return {
      kind: 'setHeaderRoute',
      description: canaryStepLabel({
        setHeaderRoute: { name: step.setHeaderRoute.name ?? '' },
      }),
    };
  }
  if (step.setMirrorRoute) {
    return {
      kind: 'setMirrorRoute',
      description: canaryStepLabel({
        setMirrorRoute: { name: step.setMirrorRoute.name ?? '' },
      }),
    };
  }
  return { kind: 'invalid', description: 'invalid' };
}
