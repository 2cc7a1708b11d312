import type { Entity } from '@backstage/catalog-model';
import type { Canary } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { findEntityRollouts } from './findEntityRollouts';

const ID = 'backstage.io/kubernetes-id';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ratings', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/team-a' },
  };
}

const vaneCanary = (
  namespace: string,
  name: string,
  target: string,
): Canary => ({
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  metadata: { namespace, name },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
    service: { port: 9898 },
    analysis: { interval: '1m', threshold: 5, stepWeight: 20 },
  },
});
const flaggerCanary = (
  namespace: string,
  name: string,
  target: string,
  kind = 'Deployment',
) => ({
  metadata: { namespace, name },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind, name: target },
  },
});
const argoRollout = (
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  workloadRef?: string,
) => ({
  metadata: { namespace, name, labels },
  spec: workloadRef
    ? {
        workloadRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: workloadRef,
        },
      }
    : {},
});
const workload = (
  kind: 'Deployment' | 'DaemonSet',
  namespace: string,
  name: string,
  labels: Record<string, string>,
) => ({
  kind,
  metadata: { namespace, name, labels },
});
const deployment = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
) => workload('Deployment', namespace, name, labels);

// One cluster where a team runs all three controllers side by side: ratings as an Argo Rollout
// labelled with its id, search as a Flagger Canary of a Deployment with the id, reviews as an
// Argo Rollout referencing a Deployment (workloadRef), and a Vane Canary and a Flagger Canary
// both named "podinfo" in test (a team migrating from Flagger); node-agent is a DaemonSet that a
// Flagger Canary targets, beside one naming a Deployment of that name.
const lab: ClusterInventory = {
  name: 'lab',
  canaries: [vaneCanary('test', 'podinfo', 'podinfo')],
  workloads: [
    deployment('test', 'podinfo', { [ID]: 'podinfo' }),
    deployment('webapp', 'search', { [ID]: 'search' }),
    deployment('test', 'reviews', { [ID]: 'reviews' }),
    workload('DaemonSet', 'infra', 'node-agent', { [ID]: 'node-agent' }),
  ],
  argoRollouts: [
    argoRollout('test', 'ratings', { [ID]: 'ratings' }),
    argoRollout('prod', 'ratings', { [ID]: 'ratings' }),
    argoRollout('test', 'reviews', {}, 'reviews'),
    argoRollout('test', 'unlabelled'),
  ],
  flaggerCanaries: [
    flaggerCanary('webapp', 'search', 'search'),
    flaggerCanary('test', 'podinfo', 'podinfo'),
    flaggerCanary('infra', 'node-agent', 'node-agent', 'DaemonSet'),
    flaggerCanary('infra', 'wrong-kind', 'node-agent', 'Deployment'),
  ],
};
// A cluster that serves neither Argo's nor Flagger's CRDs.
const plain: ClusterInventory = {
  name: 'plain',
  canaries: [],
  workloads: [deployment('test', 'ratings', { [ID]: 'ratings' })],
};

describe('findEntityRollouts', () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      'kubernetes-id on the Argo Rollout itself',
      { [ID]: 'ratings' },
      ['lab/prod/ratings argo-rollouts', 'lab/test/ratings argo-rollouts'],
    ],
    [
      'kubernetes-namespace narrows the Rollouts as it narrows Deployments',
      { [ID]: 'ratings', 'backstage.io/kubernetes-namespace': 'test' },
      ['lab/test/ratings argo-rollouts'],
    ],
    [
      "kubernetes-id on a Flagger Canary's target Deployment",
      { [ID]: 'search' },
      ['lab/webapp/search flagger'],
    ],
    [
      "kubernetes-id on a Flagger Canary's target DaemonSet, not on one naming a Deployment of that name",
      { [ID]: 'node-agent' },
      ['lab/infra/node-agent flagger'],
    ],
    [
      "kubernetes-id on the Deployment an Argo Rollout's workloadRef names",
      { [ID]: 'reviews' },
      ['lab/test/reviews argo-rollouts'],
    ],
    [
      'a Vane and a Flagger Canary of the same Deployment: both, Vane’s first',
      { [ID]: 'podinfo' },
      ['lab/test/podinfo vane', 'lab/test/podinfo flagger'],
    ],
    [
      'vane.dev/rollout names Argo Rollouts and Flagger Canaries, and wins over kubernetes-id',
      { 'vane.dev/rollout': 'test/unlabelled, webapp/search', [ID]: 'ratings' },
      ['lab/test/unlabelled argo-rollouts', 'lab/webapp/search flagger'],
    ],
    [
      'vane.dev/rollout names no Vane Canary; vane.dev/canary beside it does',
      { 'vane.dev/rollout': 'test/podinfo', 'vane.dev/canary': 'test/podinfo' },
      ['lab/test/podinfo vane', 'lab/test/podinfo flagger'],
    ],
    [
      'vane.dev/canary alone names no Flagger Canary',
      { 'vane.dev/canary': 'test/podinfo' },
      ['lab/test/podinfo vane'],
    ],
    [
      'kubernetes-cluster narrows the clusters for every controller',
      { [ID]: 'ratings', 'backstage.io/kubernetes-cluster': 'plain' },
      [],
    ],
  ])('%s', (_scenario, annotations, expected) => {
    const found = findEntityRollouts(entity(annotations), [lab, plain]);
    expect(found.errors).toEqual([]);
    expect(
      found.rollouts.map(
        r =>
          `${r.cluster}/${r.object.metadata.namespace}/${r.object.metadata.name} ${r.controller}`,
      ),
    ).toEqual(expected);
  });

  it('reports a malformed vane.dev/rollout on the entity, naming the annotation, and finds nothing', () => {
    expect(
      findEntityRollouts(entity({ 'vane.dev/rollout': 'ratings' }), [lab]),
    ).toEqual({
      rollouts: [],
      errors: [
        {
          entityRef: 'component:default/ratings',
          message:
            'Entity component:default/ratings: vane.dev/rollout: "ratings" must have the form <namespace>/<name>',
        },
      ],
    });
  });

  it('reports an unavailable cluster for an entity that names only rollouts of other controllers', () => {
    const down: ClusterInventory = {
      name: 'down',
      unavailable: 'Cluster down is unreachable',
      canaries: [],
      workloads: [],
    };
    expect(
      findEntityRollouts(entity({ 'vane.dev/rollout': 'test/ratings' }), [
        lab,
        down,
      ]),
    ).toMatchObject({
      rollouts: [{ cluster: 'lab', controller: 'argo-rollouts' }],
      errors: [{ cluster: 'down', message: 'Cluster down is unreachable' }],
    });
  });
});
