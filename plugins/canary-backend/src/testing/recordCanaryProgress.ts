import type { LabCluster } from './LabCluster';

/** One distinct (phase, weight, iterations, failedChecks, mirrored, step, pause) state a Canary went through. */
export interface CanaryState {
  phase?: string;
  canaryWeight?: number;
  iterations?: number;
  failedChecks?: number;
  mirrored?: boolean;
  reason?: string;
  /** For `analysis.steps`: the step under way and the pause holding the rollout. */
  currentStepIndex?: number;
  stepPause?: { step: number; startTime: string; endTime?: string };
  /** Epoch ms when the recorder first saw this state (at most ~100 ms after it was written). */
  at: number;
}

/**
 * Follows a Canary's status from the API server and records every distinct state, so a test
 * can assert the sequence of weights, iterations and phases a rollout went through, and when.
 */
export function recordCanaryProgress(
  cluster: LabCluster,
  namespace: string,
  name: string,
) {
  const states: CanaryState[] = [];
  let stopped = false;
  const sample = async () => {
    let canary: any;
    try {
      canary = await cluster.canary(namespace, name);
    } catch {
      // The API server did not answer (a fault test stopped it): nothing seen, no state.
      return;
    }
    const s = canary?.status ?? {};
    const state: CanaryState = {
      phase: s.phase,
      canaryWeight: s.canaryWeight,
      iterations: s.iterations,
      failedChecks: s.failedChecks,
      mirrored: s.mirrored,
      reason: s.reason,
      currentStepIndex: s.currentStepIndex,
      stepPause: s.stepPause,
      at: Date.now(),
    };
    const last = states[states.length - 1];
    if (
      !last ||
      last.phase !== state.phase ||
      last.canaryWeight !== state.canaryWeight ||
      last.iterations !== state.iterations ||
      last.failedChecks !== state.failedChecks ||
      last.mirrored !== state.mirrored ||
      last.currentStepIndex !== state.currentStepIndex ||
      last.stepPause?.startTime !== state.stepPause?.startTime
    ) {
      states.push(state);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  })();
  return {
    states,
    /** Distinct canary weights in the order they appeared, zero left out. */
    weights: () =>
      states
        .map(s => s.canaryWeight ?? 0)
        .filter((w, i, all) => w > 0 && w !== all[i - 1]),
    /** Distinct analysis iterations in the order they appeared, zero left out. */
    iterations: () =>
      states
        .map(s => s.iterations ?? 0)
        .filter((n, i, all) => n > 0 && n !== all[i - 1]),
    /** The first recorded state that satisfies `predicate`, if any. */
    first: (predicate: (state: CanaryState) => boolean) =>
      states.find(predicate),
    phases: () =>
      states.map(s => s.phase).filter((p, i, all) => p !== all[i - 1]),
    async stop() {
      stopped = true;
      await loop;
      // One last reading, so a state the caller already awaited is always in the record.
      await sample();
    },
  };
}
