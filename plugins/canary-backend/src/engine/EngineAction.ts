import type {
  CanaryHeaderRoute,
  CanaryMirrorRoute,
  CanaryWebhookType,
} from '@vane/plugin-canary-common';

/**
 * One side effect the decision asks for. Each kind has one small executor; the decision never
 * performs them itself.
 */
export type EngineAction =
  /**
   * Create `<name>-primary` from the target, of its kind (labels, selector, mounted
   * ConfigMaps/Secrets), with the copy of its autoscaler.
   */
  | { type: 'createPrimary' }
  /**
   * Create or update the `<name>`, `<name>-primary` and `<name>-canary` Services; with
   * `keepApexSelector`, leaving the apex's pod selector to the router (every tick after
   * initialisation).
   */
  | { type: 'reconcileServices'; keepApexSelector?: true }
  /** Let the mesh router create or adopt its routing objects. */
  | { type: 'reconcileRoutes' }
  /**
   * Write weights (and mirroring) to the routing objects, with the header and mirror routes of
   * `analysis.steps` in effect (none when absent: a rollback or promotion removes them).
   */
  | {
      type: 'setRoutes';
      primaryWeight: number;
      canaryWeight: number;
      mirrored: boolean;
      headerRoutes?: CanaryHeaderRoute[];
      mirrorRoutes?: CanaryMirrorRoute[];
    }
  /**
   * Scale the target up for analysis (a Deployment to the primary's replicas, a DaemonSet back
   * onto its nodes) or down to zero, its autoscaler told first (a KEDA ScaledObject resumed or
   * paused).
   */
  | { type: 'scaleTarget'; to: 'primaryReplicas' | 0 }
  /** Copy the target's pod template (and ConfigMaps/Secrets, and its autoscaler) to the primary. */
  | { type: 'promotePrimary' }
  /** Call webhooks whose outcome does not change the decision (post-rollout). */
  | { type: 'runWebhooks'; webhookType: CanaryWebhookType }
  /**
   * Hand the service back to the target when the Canary is deleted: the router restores or
   * removes its routing objects, and the apex Service selects the target's pods and stops being
   * owned by the Canary, so garbage collection keeps it.
   */
  | { type: 'handBackTraffic' }
  /** Add or remove the engine's finalizer on the Canary (`spec.revertOnDeletion`). */
  | { type: 'addFinalizer' }
  | { type: 'removeFinalizer' }
  /** A Kubernetes Event on the Canary (and `event` webhooks / notifications). */
  | { type: 'event'; severity: 'Normal' | 'Warning'; message: string };
