import { InMemoryCluster } from '../../testing/InMemoryCluster';
import { NginxRouter } from './NginxRouter';
import { nginxCanary } from './testing/nginxCanary';
import { podinfoIngress } from './testing/podinfoIngress';

const CANARY_INGRESS = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  namespace: 'test',
  name: 'podinfo-canary',
};

function setup() {
  const cluster = new InMemoryCluster();
  cluster.apply(podinfoIngress());
  const router = new NginxRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

const AB = nginxCanary({
  analysis: {
    iterations: 10,
    stepWeight: undefined,
    maxWeight: undefined,
    match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
  },
});

describe('NginxRouter', () => {
  it('creates the canary Ingress at weight 0, moves it to 40 with one patch of the annotation, and reads it back', async () => {
    const { cluster, router } = setup();
    await router.reconcile(nginxCanary());
    expect(cluster.writes.map(w => [w.verb, w.ref])).toEqual([
      ['create', CANARY_INGRESS],
    ]);
    expect(await router.getRoutes(nginxCanary())).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    cluster.clearWrites();

    await router.setRoutes(nginxCanary(), {
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: CANARY_INGRESS,
        patch: {
          metadata: {
            annotations: { 'nginx.ingress.kubernetes.io/canary-weight': '40' },
          },
        },
      },
    ]);
    expect(await router.getRoutes(nginxCanary())).toEqual({
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
    // The Ingress itself is never written.
    expect(cluster.writes.some(w => w.ref.name === 'podinfo')).toBe(false);
  });

  it('routes the A/B header during the analysis, reads it as all matching traffic on the canary, and removes it at promotion', async () => {
    const { cluster, router } = setup();
    await router.reconcile(AB);
    await router.setRoutes(AB, {
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    expect(await router.getRoutes(AB)).toEqual({
      primaryWeight: 0,
      canaryWeight: 100,
      mirrored: false,
    });
    cluster.clearWrites();

    await router.setRoutes(AB, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: CANARY_INGRESS,
        patch: {
          metadata: {
            annotations: {
              'nginx.ingress.kubernetes.io/canary-by-header': null,
              'nginx.ingress.kubernetes.io/canary-by-header-value': null,
            },
          },
        },
      },
    ]);
    expect(await router.getRoutes(AB)).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
  });

  it('follows a change of the Ingress into its copy, and keeps annotations others wrote', async () => {
    const { cluster, router } = setup();
    await router.reconcile(nginxCanary());
    cluster.apply({
      ...(await cluster.reader.get(CANARY_INGRESS))!,
      metadata: {
        ...(await cluster.reader.get(CANARY_INGRESS))!.metadata,
        annotations: {
          ...(await cluster.reader.get(CANARY_INGRESS))!.metadata.annotations,
          'team.example.com/owner': 'web',
        },
      },
    });
    const ingress = podinfoIngress({
      'nginx.ingress.kubernetes.io/proxy-body-size': '16m',
    });
    (ingress.spec as any).rules[0].host = 'www.example.com';
    cluster.apply(ingress);
    cluster.clearWrites();

    await router.reconcile(nginxCanary());
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: CANARY_INGRESS,
        patch: {
          spec: {
            rules: [expect.objectContaining({ host: 'www.example.com' })],
          },
          metadata: {
            annotations: {
              'nginx.ingress.kubernetes.io/proxy-body-size': '16m',
            },
          },
        },
      },
    ]);
    expect(
      (await cluster.reader.get(CANARY_INGRESS))!.metadata.annotations?.[
        'team.example.com/owner'
      ],
    ).toBe('web');
  });

  it('given no Ingress of that name, says what is missing before writing anything', async () => {
    const cluster = new InMemoryCluster();
    const router = new NginxRouter({
      clusterName: 'lab',
      reader: cluster.reader,
      writer: cluster.writer,
    });
    await expect(router.reconcile(nginxCanary())).rejects.toThrow(
      'Canary test/podinfo: Ingress test/podinfo (spec.ingressRef) not found in cluster lab; create it with a path to Service podinfo, or fix spec.ingressRef.name',
    );
    await expect(router.getRoutes(nginxCanary())).rejects.toThrow(
      'Ingress test/podinfo-canary in cluster lab is missing or has no nginx.ingress.kubernetes.io/canary-weight; reconcile the Canary to create it',
    );
    expect(cluster.writes).toEqual([]);
  });

  it('deletes the canary Ingress it created when the Canary is finalized', async () => {
    const { cluster, router } = setup();
    await router.reconcile(nginxCanary());
    cluster.clearWrites();
    await router.finalize(nginxCanary());
    expect(cluster.writes).toEqual([{ verb: 'delete', ref: CANARY_INGRESS }]);
  });
});
