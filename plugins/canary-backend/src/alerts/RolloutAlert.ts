import type { CanaryAlertSeverity } from '@vane/plugin-canary-common';

/** One alert about a Canary's rollout, as every notifier renders it. */
export interface RolloutAlert {
  cluster: string;
  namespace: string;
  name: string;
  severity: CanaryAlertSeverity;
  /** What happened, in a sentence (Flagger's wording where Flagger alerts the same moment). */
  message: string;
  /** The Canary's phase after the transition. */
  phase: string;
  canaryWeight: number;
  /** The failure reason, for a failed rollout. */
  reason?: string;
}
