import type { Entity } from '@backstage/catalog-model';
import type { Canary } from '@vane/plugin-canary-common';
import type { ClusterInventory } from './ClusterInventory';
import { findEntityCanaries } from './findEntityCanaries';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'podinfo', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'group:default/team-a' },
  };
}

function canary(
  namespace: string,
  name: string,
  target = name,
  kind = 'Deployment',
): Canary {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { namespace, name },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind, name: target },
      service: { port: 9898 },
      analysis: { interval: '1m', threshold: 5, stepWeight: 20 },
    },
  };
}

function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
) {
  return { kind: 'Deployment', metadata: { namespace, name, labels } };
}

const ID = 'backstage.io/kubernetes-id';

// Two clusters: podinfo runs in "test" on both, and in "prod" on east only; "frontend" targets
// a Deployment of another team; "orphan" targets a Deployment without labels.
const east: ClusterInventory = {
  name: 'east',
  canaries: [
    canary('test', 'podinfo'),
    canary('prod', 'podinfo'),
    canary('test', 'frontend'),
    canary('test', 'orphan'),
  ],
  workloads: [
    deployment('test', 'podinfo', { [ID]: 'podinfo', tier: 'web' }),
    deployment('test', 'podinfo-primary', { [ID]: 'podinfo', tier: 'web' }),
    deployment('prod', 'podinfo', { [ID]: 'podinfo', tier: 'web' }),
    deployment('test', 'frontend', { [ID]: 'frontend', tier: 'web' }),
    deployment('test', 'orphan', {}),
  ],
};
const west: ClusterInventory = {
  name: 'west',
  canaries: [canary('test', 'podinfo'), canary('test', 'api', 'podinfo-api')],
  workloads: [
    deployment('test', 'podinfo', { [ID]: 'podinfo' }),
    deployment('test', 'podinfo-api', { [ID]: 'podinfo' }),
  ],
};
const down: ClusterInventory = {
  name: 'down',
  unavailable: 'Cluster down at https://10.0.0.1 is unreachable: ECONNREFUSED',
  canaries: [],
  workloads: [],
};

describe('findEntityCanaries', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['no linking annotation: no Canaries', {}, []],
    [
      'vane.dev/canary names Canaries explicitly, in every cluster',
      { 'vane.dev/canary': 'test/podinfo, test/frontend' },
      ['east/test/frontend', 'east/test/podinfo', 'west/test/podinfo'],
    ],
    [
      'vane.dev/canary wins over kubernetes-id',
      { 'vane.dev/canary': 'prod/podinfo', [ID]: 'podinfo' },
      ['east/prod/podinfo'],
    ],
    [
      'kubernetes-id selects Deployments; Canaries targeting them belong to the entity',
      { [ID]: 'podinfo' },
      [
        'east/prod/podinfo',
        'east/test/podinfo',
        'west/test/api',
        'west/test/podinfo',
      ],
    ],
    [
      'kubernetes-namespace narrows the Deployments',
      { [ID]: 'podinfo', 'backstage.io/kubernetes-namespace': 'prod' },
      ['east/prod/podinfo'],
    ],
    [
      'kubernetes-label-selector takes precedence over kubernetes-id',
      {
        [ID]: 'frontend',
        'backstage.io/kubernetes-label-selector': 'tier=web',
      },
      ['east/prod/podinfo', 'east/test/frontend', 'east/test/podinfo'],
    ],
    [
      'a set-based label selector',
      { 'backstage.io/kubernetes-label-selector': `${ID} in (frontend)` },
      ['east/test/frontend'],
    ],
    [
      'kubernetes-cluster narrows the clusters',
      { [ID]: 'podinfo', 'backstage.io/kubernetes-cluster': 'west' },
      ['west/test/api', 'west/test/podinfo'],
    ],
    [
      'kubernetes-cluster narrows explicit names too',
      {
        'vane.dev/canary': 'test/podinfo',
        'backstage.io/kubernetes-cluster': 'east',
      },
      ['east/test/podinfo'],
    ],
    [
      'a selector of exclusions only (no label to look up) scans every Deployment',
      {
        'backstage.io/kubernetes-label-selector': `${ID} notin (podinfo)`,
      },
      // As in the API server, a Deployment without the label satisfies notin.
      ['east/test/frontend', 'east/test/orphan'],
    ],
    [
      'a set-based selector with two values finds the Deployments of either',
      {
        'backstage.io/kubernetes-label-selector': `${ID} in (frontend,podinfo)`,
        'backstage.io/kubernetes-cluster': 'east',
      },
      ['east/prod/podinfo', 'east/test/frontend', 'east/test/podinfo'],
    ],
    ['an id that no Deployment carries: no Canaries', { [ID]: 'nobody' }, []],
  ])('%s', (_scenario, annotations, expected) => {
    const found = findEntityCanaries(entity(annotations), [east, west]);
    expect(found.errors).toEqual([]);
    expect(
      found.canaries.map(
        c =>
          `${c.cluster}/${c.canary.metadata.namespace}/${c.canary.metadata.name}`,
      ),
    ).toEqual(expected);
  });

  it('links a Canary whose target is a DaemonSet the entity selects, and not one naming a Deployment of that name', () => {
    const agents: ClusterInventory = {
      name: 'agents',
      canaries: [
        canary('infra', 'node-agent', 'node-agent', 'DaemonSet'),
        canary('infra', 'wrong-kind', 'node-agent', 'Deployment'),
      ],
      workloads: [
        {
          kind: 'DaemonSet',
          metadata: {
            namespace: 'infra',
            name: 'node-agent',
            labels: { [ID]: 'node-agent' },
          },
        },
      ],
    };
    const found = findEntityCanaries(entity({ [ID]: 'node-agent' }), [agents]);
    expect(found.canaries.map(c => c.canary.metadata.name)).toEqual([
      'node-agent',
    ]);
  });

  it('reports an unavailable cluster and still answers from the others', () => {
    const found = findEntityCanaries(entity({ [ID]: 'podinfo' }), [down, west]);
    expect(found.canaries.map(c => c.cluster)).toEqual(['west', 'west']);
    expect(found.errors).toEqual([
      {
        cluster: 'down',
        message:
          'Cluster down at https://10.0.0.1 is unreachable: ECONNREFUSED',
      },
    ]);
  });

  it('does not report an unavailable cluster the entity does not look at', () => {
    const found = findEntityCanaries(
      entity({ [ID]: 'podinfo', 'backstage.io/kubernetes-cluster': 'west' }),
      [down, west],
    );
    expect(found.errors).toEqual([]);
    expect(found.canaries).toHaveLength(2);
  });

  it('does not report unavailable clusters for an entity without rollouts', () => {
    expect(findEntityCanaries(entity({}), [down])).toEqual({
      canaries: [],
      errors: [],
    });
  });

  it.each<[string, Record<string, string>, string]>([
    [
      'a malformed vane.dev/canary',
      { 'vane.dev/canary': 'podinfo' },
      'Entity component:default/podinfo: vane.dev/canary: "podinfo" must have the form <namespace>/<name>',
    ],
    [
      'a malformed label selector',
      { 'backstage.io/kubernetes-label-selector': 'app in podinfo' },
      'Entity component:default/podinfo: backstage.io/kubernetes-label-selector: label selector requirement "app in podinfo" is not of the form key=value, key!=value, key in (a,b), key notin (a,b), key or !key',
    ],
    [
      'a kubernetes-id that is not a label value',
      { [ID]: 'pod info' },
      'Entity component:default/podinfo: backstage.io/kubernetes-id: label selector requirement "backstage.io/kubernetes-id=pod info" is not of the form key=value, key!=value, key in (a,b), key notin (a,b), key or !key',
    ],
  ])(
    'reports %s on the entity and finds nothing',
    (_what, annotations, message) => {
      expect(findEntityCanaries(entity(annotations), [east])).toEqual({
        canaries: [],
        errors: [{ entityRef: 'component:default/podinfo', message }],
      });
    },
  );

  it('reports a kubernetes-cluster that is not configured', () => {
    const found = findEntityCanaries(
      entity({ [ID]: 'podinfo', 'backstage.io/kubernetes-cluster': 'north' }),
      [east, west],
    );
    expect(found.canaries).toEqual([]);
    expect(found.errors).toEqual([
      {
        cluster: 'north',
        entityRef: 'component:default/podinfo',
        message:
          'Entity component:default/podinfo: backstage.io/kubernetes-cluster names cluster "north", which is not in canary.clusters (known: east, west)',
      },
    ]);
  });
});
