/**
 * The release strategies a template offers, as Flagger names them in its docs, and `steps`:
 * Argo Rollouts' canary steps (setWeight, pause, ...), for teams coming from Argo Rollouts.
 */
export const CANARY_STRATEGIES = [
  'canary',
  'ab',
  'bluegreen',
  'steps',
] as const;

/** The manual gates a template can add; each waits for an owner's approval in the portal. */
export const MANUAL_GATES = [
  'confirm-rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
] as const;

/** What a team says about its release; `canary:manifest:create` turns it into a Canary. */
export interface CanaryManifestInput {
  /** The Canary's name; the target Deployment's name when absent. */
  name?: string;
  namespace: string;
  targetDeployment: string;
  /** The port the apex Service exposes. */
  port: number;
  targetPort?: number;
  strategy: (typeof CANARY_STRATEGIES)[number];
  /** Already resolved: the input, or the cluster's default from mesh discovery. */
  provider?: string;
  stepWeights?: number[];
  stepWeight?: number;
  maxWeight?: number;
  /** Analysis runs of A/B testing and blue/green. */
  iterations?: number;
  /** For `steps`: Argo Rollouts' canary steps as written, e.g. `[{setWeight: 50}, {pause: {duration: '10m'}}]`. */
  steps?: Array<Record<string, unknown>>;
  /** The header that sends a request to the canary in A/B testing. */
  abHeader?: { name: string; value: string };
  interval: string;
  threshold: number;
  successRateMin?: number;
  latencyMaxMs?: number;
  metricInterval?: string;
  loadTest?: { url: string; command: string };
  manualGates?: Array<(typeof MANUAL_GATES)[number]>;
  customMetric?: { name: string; query: string; min?: number; max?: number };
  progressDeadlineSeconds?: number;
  /** Hand the service back to the Deployment when the Canary is deleted (default true). */
  revertOnDeletion?: boolean;
}
