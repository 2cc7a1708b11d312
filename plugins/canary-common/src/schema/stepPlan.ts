import type {
  CanaryHeaderRoute,
  CanaryMirrorRoute,
  CanaryStep,
} from '../resource/Canary';
import { canaryStepLabel } from './canaryStepLabel';
import { pauseDurationMs } from './pauseDurationMs';

/**
 * What the canary receives once some of the steps have run: the weight of the last `setWeight`
 * (0 before the first, as in Argo Rollouts' GetCurrentSetWeight), and every header and mirror
 * route set by a step and not removed since (a step of the same name without `match`), in the
 * order they were first set, which is the order they are matched in.
 *
 * @public
 */
export interface CanaryStepTraffic {
  canaryWeight: number;
  headerRoutes: CanaryHeaderRoute[];
  mirrorRoutes: CanaryMirrorRoute[];
}

/**
 * One step of `analysis.steps` as the engine and the portal plan it.
 *
 * @public
 */
export interface PlannedCanaryStep {
  step: CanaryStep;
  /** Argo Rollouts' words for the step (CanaryStepString): `setWeight: 50`, `pause: 10m`, `pause`. */
  label: string;
  kind: 'setWeight' | 'pause' | 'setHeaderRoute' | 'setMirrorRoute';
  /** For a timed pause, its length; absent for `pause: {}`, which waits for an owner. */
  pauseMs?: number;
  /** The traffic once this step and those before it have run. */
  traffic: CanaryStepTraffic;
}

/**
 * The plan of a Canary's `analysis.steps`.
 *
 * @public
 */
export interface CanaryStepPlan {
  steps: PlannedCanaryStep[];
  /**
   * The traffic while the step at `index` is under way, i.e. once the steps before it have run;
   * `steps.length` for the traffic after the last one.
   */
  trafficBefore(index: number): CanaryStepTraffic;
}

const NO_TRAFFIC: CanaryStepTraffic = {
  canaryWeight: 0,
  headerRoutes: [],
  mirrorRoutes: [],
};

/** Replaces (or, without `match`, removes) the route of the same name, keeping the order. */
function withRoute<T extends { name: string; match?: unknown[] }>(
  routes: T[],
  route: T,
): T[] {
  const others = routes.filter(r => r.name !== route.name);
  if (!route.match?.length) {
    return others;
  }
  const at = routes.findIndex(r => r.name === route.name);
  if (at < 0) {
    return [...routes, route];
  }
  return routes.map(r => (r.name === route.name ? route : r));
}

function kindOf(step: CanaryStep): PlannedCanaryStep['kind'] {
  if (step.setWeight !== undefined) return 'setWeight';
  if (step.pause) return 'pause';
  if (step.setHeaderRoute) return 'setHeaderRoute';
  return 'setMirrorRoute';
}

/**
 * Plans Argo Rollouts' steps of a valid spec (validateCanarySpec): each step with its label and
 * the traffic it leaves, pure, so the engine's decision and the portal's step timeline read the
 * steps alike.
 *
 * @public
 */
export function stepPlan(steps: readonly CanaryStep[]): CanaryStepPlan {
  const planned: PlannedCanaryStep[] = [];
  let traffic = NO_TRAFFIC;
  for (const step of steps) {
    if (step.setWeight !== undefined) {
      traffic = { ...traffic, canaryWeight: step.setWeight };
    } else if (step.setHeaderRoute) {
      traffic = {
        ...traffic,
        headerRoutes: withRoute(traffic.headerRoutes, step.setHeaderRoute),
      };
    } else if (step.setMirrorRoute) {
      traffic = {
        ...traffic,
        mirrorRoutes: withRoute(traffic.mirrorRoutes, step.setMirrorRoute),
      };
    }
    const duration = step.pause?.duration;
    planned.push({
      step,
      label: canaryStepLabel(step),
      kind: kindOf(step),
      ...(duration === undefined ? {} : { pauseMs: pauseDurationMs(duration) }),
      traffic,
    });
  }
  return {
    steps: planned,
    trafficBefore: index => {
      const before = Math.min(index, planned.length) - 1;
      return before < 0 ? NO_TRAFFIC : planned[before].traffic;
    },
  };
}
