import {
  CANARY_PHASES,
  CanaryCondition,
  CanaryPhase,
  CanaryRollout,
  CanaryRolloutEvent,
  CanaryRolloutSpec,
} from '@vane/plugin-canary-common';
import { workloadImages } from '../../workloads/workloadImages';
import { describeCanarySpec, DescribedCanarySpec } from '../describeCanarySpec';

/** The fields of a Flagger Canary (flagger.app/v1beta1, pkg/apis/flagger/v1beta1) the portal reads. */
export interface FlaggerCanary {
  metadata: { name: string; namespace?: string };
  spec?: {
    provider?: string;
    targetRef?: { apiVersion?: string; kind?: string; name?: string };
    suspend?: boolean;
    skipAnalysis?: boolean;
    analysis?: FlaggerAnalysis;
    /** v1alpha3's name of `analysis`, still read by Flagger's v1beta1 (GetAnalysis). */
    canaryAnalysis?: FlaggerAnalysis;
  };
  status?: {
    phase?: string;
    failedChecks?: number;
    canaryWeight?: number;
    iterations?: number;
    lastTransitionTime?: string;
    conditions?: CanaryCondition[];
  };
}

/** Flagger's analysis as its CRD holds it: the fields the portal shows, any of them missing. */
type FlaggerAnalysis = Omit<DescribedCanarySpec['analysis'], 'metrics'> & {
  metrics?: Array<
    Partial<NonNullable<DescribedCanarySpec['analysis']['metrics']>[number]>
  >;
};

/**
 * A Flagger Canary as the portal shows it: Flagger's status as its controller wrote it (phase,
 * weight, failed checks, iterations, conditions and their message, last transition) and its
 * spec read as Flagger reads it. Vane does not validate it: that is Flagger's controller's
 * business, so the summary is never `valid: false`. `target` and `primary` are the target
 * workload (Deployment, DaemonSet) and the `<target>-primary` copy Flagger makes, as for Vane's Canaries.
 */
export function summarizeFlaggerCanary(options: {
  cluster: string;
  entityRef: string;
  canary: FlaggerCanary;
  primary?: unknown;
  target?: unknown;
  events: CanaryRolloutEvent[];
}): CanaryRollout {
  const { canary } = options;
  const status = canary.status ?? {};
  const conditions = status.conditions ?? [];
  // Flagger's one condition, Promoted, carries the message of where the analysis is.
  const message =
    conditions.find(c => c.type === 'Promoted')?.message ??
    conditions.find(c => c.message)?.message;
  const phase = (CANARY_PHASES as readonly string[]).includes(
    status.phase ?? '',
  )
    ? (status.phase as CanaryPhase)
    : undefined;
  return {
    cluster: options.cluster,
    namespace: canary.metadata.namespace ?? '',
    name: canary.metadata.name,
    entityRef: options.entityRef,
    controller: 'flagger',
    ...(canary.spec?.provider ? { provider: canary.spec.provider } : {}),
    spec: summarizeFlaggerSpec(canary.spec ?? {}),
    status: {
      ...(phase ? { phase } : {}),
      canaryWeight: numberOr(status.canaryWeight, 0),
      failedChecks: numberOr(status.failedChecks, 0),
      iterations: numberOr(status.iterations, 0),
      ...(message ? { reason: message } : {}),
      conditions,
      metrics: [],
      ...(status.lastTransitionTime
        ? { lastTransitionTime: status.lastTransitionTime }
        : {}),
    },
    images: {
      primary: workloadImages(options.primary),
      canary: workloadImages(options.target),
    },
    events: options.events,
  };
}

/** Flagger's spec as the cache holds it, unchecked: only well-typed fields are read. */
function summarizeFlaggerSpec(
  spec: NonNullable<FlaggerCanary['spec']>,
): CanaryRolloutSpec {
  const analysis = spec.analysis ?? spec.canaryAnalysis ?? {};
  const number = (value: unknown) =>
    typeof value === 'number' ? value : undefined;
  const target = spec.targetRef;
  return describeCanarySpec({
    ...(target?.kind && target.name
      ? {
          targetRef: {
            ...(target.apiVersion ? { apiVersion: target.apiVersion } : {}),
            kind: target.kind,
            name: target.name,
          },
        }
      : {}),
    analysis: {
      ...(typeof analysis.interval === 'string'
        ? { interval: analysis.interval }
        : {}),
      threshold: number(analysis.threshold),
      maxWeight: number(analysis.maxWeight),
      stepWeight: number(analysis.stepWeight),
      stepWeights: Array.isArray(analysis.stepWeights)
        ? analysis.stepWeights.filter(w => typeof w === 'number')
        : undefined,
      iterations: number(analysis.iterations),
      match: Array.isArray(analysis.match) ? analysis.match : undefined,
      metrics: (analysis.metrics ?? []).flatMap(metric =>
        metric.name ? [{ ...metric, name: metric.name }] : [],
      ),
    },
    skipAnalysis: spec.skipAnalysis,
    suspend: spec.suspend,
  });
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
