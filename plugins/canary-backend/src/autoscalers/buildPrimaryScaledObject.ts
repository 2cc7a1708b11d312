import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import type { AutoscalerRef } from './AutoscalerKind';

/** KEDA's annotations that pause a ScaledObject: never copied to the primary's. */
export const KEDA_PAUSED_REPLICAS_ANNOTATION =
  'autoscaling.keda.sh/paused-replicas';
const KEDA_PAUSE_ANNOTATIONS = [
  KEDA_PAUSED_REPLICAS_ANNOTATION,
  'autoscaling.keda.sh/paused',
];
/** kubectl's copy of the target's own manifest, which is not the primary's. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The `<so>-primary` KEDA ScaledObject for the one `spec.autoscalerRef` names, as Flagger's
 * ScaledObjectReconciler builds it: the target's spec scaling `<target>-primary`; each trigger's
 * `metadata.query` given by `primaryScalerQueries` (by trigger name) when that is set, otherwise
 * rewritten so that it names the primary (`<target>` and `<target>-canary` become
 * `<target>-primary`); KEDA's HPA name, when the spec sets one, suffixed `-primary`;
 * `primaryScalerReplicas` as its minimum and maximum replica counts; the target's labels and
 * annotations (not its pause annotations), owned by the Canary.
 *
 * Throws when `primaryScalerQueries` names a trigger the ScaledObject does not have (Flagger
 * ignores such a name, which leaves the primary scaling on the canary's query).
 */
export function buildPrimaryScaledObject(options: {
  scaledObject: any;
  apiVersion: string;
  targetName: string;
  primaryName: string;
  ref: AutoscalerRef;
  owner: KubernetesOwnerReference;
}): KubernetesObjectLike {
  const { scaledObject, apiVersion, targetName, primaryName, ref, owner } =
    options;
  const { name, namespace } = scaledObject.metadata;
  const spec = JSON.parse(JSON.stringify(scaledObject.spec ?? {}));
  spec.scaleTargetRef = { ...(spec.scaleTargetRef ?? {}), name: primaryName };

  const triggers: any[] = spec.triggers ?? [];
  const queries = ref.primaryScalerQueries;
  if (queries) {
    const unknown = Object.keys(queries).filter(
      trigger => !triggers.some(t => t.name === trigger),
    );
    if (unknown.length > 0) {
      throw new Error(
        `spec.autoscalerRef.primaryScalerQueries names ${unknown
          .map(trigger => `"${trigger}"`)
          .join(
            ', ',
          )}, which ScaledObject ${name}.${namespace} has no trigger of (its named triggers: ${
          triggers
            .filter(t => t.name)
            .map(t => `"${t.name}"`)
            .join(', ') || 'none'
        }): name its triggers, or fix primaryScalerQueries`,
      );
    }
    for (const trigger of triggers) {
      if (trigger.name in queries) {
        trigger.metadata = {
          ...trigger.metadata,
          query: queries[trigger.name],
        };
      }
    }
  } else {
    for (const trigger of triggers) {
      if (typeof trigger.metadata?.query === 'string') {
        trigger.metadata.query = queryOfPrimary(
          trigger.metadata.query,
          targetName,
          primaryName,
        );
      }
    }
  }

  const hpaConfig = spec.advanced?.horizontalPodAutoscalerConfig;
  if (hpaConfig?.name) {
    hpaConfig.name = `${hpaConfig.name}-primary`;
  }
  const replicas = ref.primaryScalerReplicas;
  if (replicas?.minReplicas !== undefined) {
    spec.minReplicaCount = replicas.minReplicas;
  }
  if (replicas?.maxReplicas !== undefined) {
    spec.maxReplicaCount = replicas.maxReplicas;
  }

  const annotations: Record<string, string> = Object.fromEntries(
    Object.entries<string>(scaledObject.metadata.annotations ?? {}).filter(
      ([key]) => !KEDA_PAUSE_ANNOTATIONS.includes(key) && key !== LAST_APPLIED,
    ),
  );
  return {
    apiVersion,
    kind: 'ScaledObject',
    metadata: {
      name: `${name}-primary`,
      namespace,
      ...(scaledObject.metadata.labels
        ? { labels: { ...scaledObject.metadata.labels } }
        : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [owner],
    },
    spec,
  };
}

/**
 * A canary's query rewritten for the primary, as Flagger does it: every `<target>-canary` and
 * `<target>` becomes `<target>-primary`, in one pass so that neither turns into
 * `<target>-primary-canary` or `<target>-primary-primary`. A best effort, as Flagger says:
 * `primaryScalerQueries` gives the queries outright.
 */
function queryOfPrimary(
  query: string,
  targetName: string,
  primaryName: string,
): string {
  const escaped = targetName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return query.replace(
    new RegExp(`${escaped}-canary|${escaped}`, 'g'),
    primaryName,
  );
}
