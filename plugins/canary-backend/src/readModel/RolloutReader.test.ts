import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from '../service/__testUtils__/rolloutObjects';
import { RolloutReader } from './RolloutReader';

const ID = 'backstage.io/kubernetes-id';
const podinfo = componentEntity('podinfo', 'group:default/team-a', {
  [ID]: 'podinfo',
});

describe('RolloutReader', () => {
  it('keeps a cluster snapshot while nothing changes, and reads the cluster again after a Canary or Deployment change', () => {
    const lab = new InMemoryCluster('lab').apply(
      deploymentObject('test', 'podinfo', 'podinfo:6.0.0', { [ID]: 'podinfo' }),
      canaryObject('test', 'podinfo'),
    );
    const reader = new RolloutReader(() => [lab]);

    const [first] = reader.inventories();
    expect(reader.inventories()[0]).toBe(first);
    expect(reader.entityRollouts(podinfo).items.map(r => r.name)).toEqual([
      'podinfo',
    ]);

    // A second Deployment of the entity, then its Canary: each change shows at once.
    lab.apply(
      deploymentObject('test', 'podinfo-api', 'podinfo:6.0.0', {
        [ID]: 'podinfo',
      }),
    );
    expect(reader.inventories()[0]).not.toBe(first);
    lab.apply({
      ...canaryObject('test', 'api'),
      spec: {
        ...canaryObject('test', 'api').spec,
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo-api',
        },
      },
    });
    expect(reader.entityRollouts(podinfo).items.map(r => r.name)).toEqual([
      'api',
      'podinfo',
    ]);

    lab.remove(canaryObject('test', 'podinfo'));
    expect(reader.entityRollouts(podinfo).items.map(r => r.name)).toEqual([
      'api',
    ]);
  });

  it('links a Canary of a DaemonSet the entity selects, with the images of the DaemonSet and of its primary, and reads the snapshot again after a DaemonSet change', () => {
    const daemonSet = (name: string, image: string, labels = {}) => ({
      ...deploymentObject('infra', name, image, labels),
      kind: 'DaemonSet',
    });
    const agent = componentEntity('node-agent', 'group:default/team-a', {
      [ID]: 'node-agent',
    });
    const canary = canaryObject('infra', 'node-agent');
    const lab = new InMemoryCluster('lab').apply(
      daemonSet('node-agent', 'agent:1.1', { [ID]: 'node-agent' }),
      daemonSet('node-agent-primary', 'agent:1.0'),
      {
        ...canary,
        spec: {
          ...canary.spec,
          targetRef: {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: 'node-agent',
          },
        },
      },
    );
    const reader = new RolloutReader(() => [lab]);
    const [first] = reader.inventories();
    expect(reader.entityRollouts(agent).items.map(r => r.images)).toEqual([
      {
        primary: [{ container: 'podinfod', image: 'agent:1.0' }],
        canary: [{ container: 'podinfod', image: 'agent:1.1' }],
      },
    ]);
    lab.apply(daemonSet('node-agent', 'agent:1.2', { [ID]: 'node-agent' }));
    expect(reader.inventories()[0]).not.toBe(first);
  });

  it('reports a cluster that is not synced instead of an old snapshot', () => {
    const lab = new InMemoryCluster('lab').apply(
      canaryObject('test', 'podinfo'),
    );
    const reader = new RolloutReader(() => [lab]);
    expect(reader.inventories()[0].canaries).toHaveLength(1);
    lab.synced = false;
    lab.error = 'Cluster lab at https://127.0.0.1:1 is unreachable';
    expect(reader.inventories()[0]).toEqual({
      name: 'lab',
      unavailable: 'Cluster lab at https://127.0.0.1:1 is unreachable',
      canaries: [],
      workloads: [],
    });
  });
});
