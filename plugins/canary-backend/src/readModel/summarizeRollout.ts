import {
  Canary,
  CanaryRollout,
  CanaryRolloutEvent,
  CanaryRolloutSpec,
  validateCanarySpec,
} from '@vane/plugin-canary-common';
import { OPERATOR_ANNOTATIONS } from '../engine/readOperatorRequests';
import { workloadImages } from '../workloads/workloadImages';
import { describeCanarySpec } from './describeCanarySpec';

/**
 * One Canary as the portal shows it, from what the caches hold: the Canary, its target
 * workload (the version under analysis) and `<target>-primary` (the released version).
 */
export function summarizeRollout(options: {
  cluster: string;
  entityRef: string;
  canary: Canary;
  provider?: string;
  primary?: any;
  target?: any;
  events: CanaryRolloutEvent[];
}): CanaryRollout {
  const { canary } = options;
  const status = canary.status ?? {};
  const pausedBy =
    canary.metadata.annotations?.[OPERATOR_ANNOTATIONS.pausedBy]?.trim();
  return {
    cluster: options.cluster,
    namespace: canary.metadata.namespace,
    name: canary.metadata.name,
    entityRef: options.entityRef,
    controller: 'vane',
    ...(options.provider ? { provider: options.provider } : {}),
    spec: summarizeSpecOnce(canary.spec),
    status: {
      ...(status.phase ? { phase: status.phase } : {}),
      canaryWeight: status.canaryWeight ?? 0,
      failedChecks: status.failedChecks ?? 0,
      iterations: status.iterations ?? 0,
      ...(status.reason ? { reason: status.reason } : {}),
      conditions: status.conditions ?? [],
      metrics: status.metrics ?? [],
      ...(status.lastTransitionTime
        ? { lastTransitionTime: status.lastTransitionTime }
        : {}),
      ...(pausedBy ? { pausedBy } : {}),
      ...(status.gate
        ? {
            pendingGate: {
              type: status.gate.type,
              name: status.gate.name,
              approvableInPortal: status.gate.servedByVane,
            },
          }
        : {}),
      ...(status.startedAt ? { startedAt: status.startedAt } : {}),
      ...(status.currentStepIndex !== undefined
        ? { currentStepIndex: status.currentStepIndex }
        : {}),
      ...(status.stepPause ? { stepPause: status.stepPause } : {}),
    },
    images: {
      primary: workloadImages(options.primary),
      canary: workloadImages(options.target),
    },
    events: options.events,
  };
}

// Validating a spec costs about a third of a millisecond; the overview summarises every Canary on
// every change. The caches replace a Canary's objects when it changes and never mutate them, so
// a summary can be kept for as long as its spec object lives.
const specSummaries = new WeakMap<object, CanaryRolloutSpec>();

function summarizeSpecOnce(spec: unknown): CanaryRolloutSpec {
  if (typeof spec !== 'object' || spec === null) {
    return summarizeSpec(spec);
  }
  let summary = specSummaries.get(spec);
  if (!summary) {
    summary = summarizeSpec(spec);
    specSummaries.set(spec, summary);
  }
  return summary;
}

function summarizeSpec(spec: unknown): CanaryRolloutSpec {
  const validation = validateCanarySpec(spec);
  if (!validation.valid) {
    // The engine does not act on an invalid spec; say why instead of guessing a summary.
    const raw = (spec ?? {}) as any;
    return {
      valid: false,
      errors: validation.errors.map(error => error.message),
      ...(raw.targetRef?.name ? { targetRef: raw.targetRef } : {}),
      steps: [],
      metrics: [],
      skipAnalysis: raw.skipAnalysis === true,
      suspend: raw.suspend === true,
    };
  }
  return describeCanarySpec(validation.spec);
}
