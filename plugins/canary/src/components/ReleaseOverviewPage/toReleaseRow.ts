import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CanaryRollout,
  CanaryRolloutImage,
  RolloutController,
  RolloutPhase,
} from '@vane/plugin-canary-common';
import { describeProgress } from '../RolloutRow/describeProgress';

/** A rollout's phase on the overview, with its own bucket for a Canary the engine has not seen yet. */
export type ReleasePhase = RolloutPhase | 'NotInitialised';

/**
 * One rollout as a row of the release overview: only the flat values the table shows and sorts
 * by, so an unchanged rollout can be recognised in a stream update and its row left alone.
 */
export interface ReleaseRow {
  /**
   * `cluster/namespace/name/entityRef`, then `/controller` for another controller's rollout:
   * unique, as the backend lists a rollout once per entity (a Vane and a Flagger Canary may
   * share a name).
   */
  key: string;
  /** What drives the rollout. */
  controller: RolloutController;
  entityRef: string;
  /** The entity as people name it: `podinfo`, or `kind:namespace/name` away from the defaults. */
  entityTitle: string;
  cluster: string;
  namespace: string;
  name: string;
  phase: ReleasePhase;
  canaryWeight: number;
  /** `step 2 of 4` (canary) or `iteration 3 of 10` (A/B, blue/green) while a rollout is under way. */
  progress?: string;
  /** Absent for an Argo Rollout, which counts no failed checks. */
  failedChecks?: number;
  threshold?: number;
  reason?: string;
  /** When the rollout entered its phase (ISO 8601), if known. */
  phaseSince?: string;
  /** What the primary runs: the released images. */
  imagesFrom: string;
  /** What the canary runs: the images under analysis. */
  imagesTo: string;
}

const imagesOf = (images: CanaryRolloutImage[]) =>
  images.map(i => i.image).join(', ');

/** Flattens a rollout of `GET /rollouts` into its overview row. */
export function toReleaseRow(rollout: CanaryRollout): ReleaseRow {
  const { spec, status } = rollout;
  return {
    key: `${rollout.cluster}/${rollout.namespace}/${rollout.name}/${
      rollout.entityRef
    }${rollout.controller === 'vane' ? '' : `/${rollout.controller}`}`,
    controller: rollout.controller,
    entityRef: rollout.entityRef,
    entityTitle: humanizeEntityRef(parseEntityRef(rollout.entityRef), {
      defaultKind: 'component',
    }),
    cluster: rollout.cluster,
    namespace: rollout.namespace,
    name: rollout.name,
    phase: status.phase ?? 'NotInitialised',
    canaryWeight: status.canaryWeight,
    progress: describeProgress(rollout),
    ...(rollout.argoRollouts ? {} : { failedChecks: status.failedChecks }),
    threshold: spec.threshold,
    reason: status.reason,
    phaseSince: status.lastTransitionTime,
    imagesFrom: imagesOf(rollout.images.primary),
    imagesTo: imagesOf(rollout.images.canary),
  };
}
