import type { Canary } from '@vane/plugin-canary-common';
import {
  canaryObject,
  componentEntity,
} from '../service/__testUtils__/rolloutObjects';
import type { ClusterInventory } from '../readModel/ClusterInventory';
import { findEntityWorkloads } from './findEntityWorkloads';

const deployment = (
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
) => ({ kind: 'Deployment', metadata: { namespace, name, labels } });

const inventory = (
  name: string,
  canaries: any[],
  workloads: ReturnType<typeof deployment>[],
): ClusterInventory => ({
  name,
  canaries: canaries as Canary[],
  workloads,
});

describe('findEntityWorkloads', () => {
  const id = { 'backstage.io/kubernetes-id': 'podinfo' };
  const labelled = { 'backstage.io/kubernetes-id': 'podinfo' };

  it('gives a managed workload as primary and canary, and other selected Deployments as plain workloads', () => {
    const east = inventory(
      'east',
      [canaryObject('test', 'podinfo')],
      [
        deployment('test', 'podinfo', labelled),
        deployment('test', 'podinfo-primary', labelled),
        deployment('test', 'podinfo-worker', labelled),
        deployment('test', 'unrelated'),
      ],
    );
    const entity = componentEntity('podinfo', 'group:default/team-a', id);
    expect(findEntityWorkloads(entity, [east])).toEqual({
      workloads: [
        {
          cluster: 'east',
          namespace: 'test',
          workload: 'podinfo-primary',
          role: 'primary',
          canary: 'test/podinfo',
          canaryProvider: 'istio',
        },
        {
          cluster: 'east',
          namespace: 'test',
          workload: 'podinfo',
          role: 'canary',
          canary: 'test/podinfo',
          canaryProvider: 'istio',
        },
        {
          cluster: 'east',
          namespace: 'test',
          workload: 'podinfo-worker',
          role: 'workload',
        },
      ],
      errors: [],
    });
  });

  it('leaves out the primary before the engine created it', () => {
    const east = inventory(
      'east',
      [canaryObject('test', 'podinfo')],
      [deployment('test', 'podinfo', labelled)],
    );
    const entity = componentEntity('podinfo', 'group:default/team-a', id);
    expect(
      findEntityWorkloads(entity, [east]).workloads.map(w => w.role),
    ).toEqual(['canary']);
  });

  it('for an entity naming its Canaries, gives only their workloads, in the clusters that hold them', () => {
    const east = inventory(
      'east',
      [canaryObject('test', 'podinfo'), canaryObject('test', 'other')],
      [
        deployment('test', 'podinfo'),
        deployment('test', 'podinfo-primary'),
        deployment('test', 'other'),
      ],
    );
    const west = inventory('west', [], [deployment('test', 'podinfo')]);
    const entity = componentEntity('podinfo', 'group:default/team-a', {
      'vane.dev/canary': 'test/podinfo',
    });
    expect(
      findEntityWorkloads(entity, [east, west]).workloads.map(
        w => `${w.cluster}/${w.workload}:${w.role}`,
      ),
    ).toEqual(['east/podinfo-primary:primary', 'east/podinfo:canary']);
  });

  it('honours backstage.io/kubernetes-cluster and reports an unavailable cluster', () => {
    const east = inventory(
      'east',
      [],
      [deployment('test', 'podinfo', labelled)],
    );
    const west = inventory(
      'west',
      [],
      [deployment('test', 'podinfo', labelled)],
    );
    const down: ClusterInventory = {
      name: 'south',
      unavailable: 'Cluster south: connection refused',
      canaries: [],
      workloads: [],
    };
    const entity = componentEntity('podinfo', 'group:default/team-a', {
      ...id,
      'backstage.io/kubernetes-cluster': 'west,south',
    });
    const found = findEntityWorkloads(entity, [east, west, down]);
    expect(found.workloads.map(w => w.cluster)).toEqual(['west']);
    expect(found.errors).toEqual([
      { cluster: 'south', message: 'Cluster south: connection refused' },
    ]);
  });
});
