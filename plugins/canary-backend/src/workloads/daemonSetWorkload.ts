import {
  buildPrimaryWorkload,
  PRIMARY_REVISION_ANNOTATION,
  primaryTemplate,
} from './buildPrimaryWorkload';
import type { WorkloadKind } from './WorkloadKind';

/**
 * The node selector label that scales a DaemonSet to zero: no node carries it, so the DaemonSet
 * controller runs no pod. Flagger writes `flagger.app/scale-to-zero`; a DaemonSet it left scaled
 * to zero is read (and scaled up) the same way, so such a target ports to Vane as it is.
 */
export const SCALE_TO_ZERO_NODE_LABEL = 'delivery.vane.dev/scale-to-zero';
const FLAGGER_SCALE_TO_ZERO_NODE_LABEL = 'flagger.app/scale-to-zero';
const SCALE_TO_ZERO_LABELS = [
  SCALE_TO_ZERO_NODE_LABEL,
  FLAGGER_SCALE_TO_ZERO_NODE_LABEL,
];

function nodeSelectorOf(daemonSet: any): Record<string, string> {
  return daemonSet?.spec?.template?.spec?.nodeSelector ?? {};
}

/**
 * A DaemonSet target, as Flagger's DaemonSet controller releases it: a DaemonSet cannot be scaled
 * by replicas, so between rollouts its pods get a node selector no node matches
 * (SCALE_TO_ZERO_NODE_LABEL) and the controller removes them; for analysis the selector goes and
 * every node runs a canary pod again. The selector is not part of the release: the revision and
 * the primary's template leave it out. Readiness from the DaemonSet's scheduled and available pod
 * counts, the ready threshold a percentage of its desired pods. As in Flagger, only the
 * RollingUpdate strategy is released (with OnDelete a promotion would not reach the pods).
 */
export const daemonSetWorkload: WorkloadKind = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',

  pods(daemonSet) {
    const status = daemonSet?.status ?? {};
    const desired: number = status.desiredNumberScheduled ?? 0;
    return {
      kind: 'DaemonSet',
      specObserved:
        (status.observedGeneration ?? 0) >=
        (daemonSet?.metadata?.generation ?? 0),
      scaledToZero: SCALE_TO_ZERO_LABELS.some(
        label => nodeSelectorOf(daemonSet)[label] === 'true',
      ),
      desired,
      updated: status.updatedNumberScheduled ?? 0,
      // A DaemonSet replaces a node's pod in place: Flagger (and kubectl rollout status) count
      // the updated pods only.
      old: 0,
      available: status.numberAvailable ?? 0,
      thresholdOf: desired,
    };
  },

  releasedTemplate: daemonSet => releasedTemplate(daemonSet),

  buildPrimary({ target, primaryName, revision, owner }) {
    const strategy = target.spec?.updateStrategy?.type;
    if (strategy && strategy !== 'RollingUpdate') {
      throw new Error(
        `DaemonSet ${target.metadata.name}.${target.metadata.namespace} must have the RollingUpdate update strategy to be released (got ${strategy}): with ${strategy} a promotion never reaches the primary's pods`,
      );
    }
    return buildPrimaryWorkload({
      kind: 'DaemonSet',
      target,
      released: releasedTemplate(target),
      primaryName,
      revision,
      owner,
      spec: rolloutSettings(target),
    });
  },

  promotion(target, revision) {
    return {
      metadata: { annotations: { [PRIMARY_REVISION_ANNOTATION]: revision } },
      spec: {
        // null removes a setting the target no longer has.
        minReadySeconds: null,
        updateStrategy: null,
        ...rolloutSettings(target),
        template: primaryTemplate(target, releasedTemplate(target)),
      },
    };
  },

  scaling(target, to) {
    const nodeSelector = nodeSelectorOf(target);
    if (to === 'zero') {
      return nodeSelector[SCALE_TO_ZERO_NODE_LABEL] === 'true'
        ? undefined
        : nodeSelectorPatch({ [SCALE_TO_ZERO_NODE_LABEL]: 'true' });
    }
    const present = SCALE_TO_ZERO_LABELS.filter(label => label in nodeSelector);
    return present.length === 0
      ? undefined
      : nodeSelectorPatch(
          Object.fromEntries(present.map(label => [label, null])),
        );
  },
};

/** The DaemonSet's pod template without the scale-to-zero node selector. */
function releasedTemplate(daemonSet: any): unknown {
  const template = JSON.parse(JSON.stringify(daemonSet?.spec?.template ?? {}));
  const nodeSelector = template.spec?.nodeSelector;
  if (nodeSelector) {
    for (const label of SCALE_TO_ZERO_LABELS) {
      delete nodeSelector[label];
    }
    // The API server drops an empty map: one with no selector left is the same template.
    if (Object.keys(nodeSelector).length === 0) {
      delete template.spec.nodeSelector;
    }
  }
  return template;
}

/** The DaemonSet's settings copied to its primary at creation and on every promotion, as Flagger does. */
function rolloutSettings(target: any): Record<string, unknown> {
  return {
    ...(target.spec?.updateStrategy
      ? { updateStrategy: target.spec.updateStrategy }
      : {}),
    ...(target.spec?.minReadySeconds
      ? { minReadySeconds: target.spec.minReadySeconds }
      : {}),
  };
}

function nodeSelectorPatch(
  labels: Record<string, string | null>,
): Record<string, unknown> {
  return { spec: { template: { spec: { nodeSelector: labels } } } };
}
