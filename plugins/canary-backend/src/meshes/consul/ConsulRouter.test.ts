import { UnsupportedRoutingError } from '@vane/plugin-canary-node';
import { InMemoryCluster } from '../../testing/InMemoryCluster';
import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { ConsulRouter } from './ConsulRouter';

const ref = (kind: string, name: string) => ({
  apiVersion: 'consul.hashicorp.com/v1alpha1',
  kind,
  namespace: 'test',
  name,
});
const AB = podinfoCanary({
  analysis: {
    iterations: 10,
    match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
  },
});

function setup() {
  const cluster = new InMemoryCluster('lab', ['consul.hashicorp.com']);
  const router = new ConsulRouter({
    clusterName: 'lab',
    reader: cluster.reader,
    writer: cluster.writer,
  });
  return { cluster, router };
}

describe('ConsulRouter', () => {
  it('creates the protocols first, then the splitter at 100/0; shifts to 60/40 with one patch of the splits and reads it back', async () => {
    const { cluster, router } = setup();
    await router.reconcile(podinfoCanary());
    expect(cluster.writes.map(w => [w.verb, w.ref.kind, w.ref.name])).toEqual([
      ['create', 'ServiceDefaults', 'podinfo'],
      ['create', 'ServiceDefaults', 'podinfo-primary'],
      ['create', 'ServiceDefaults', 'podinfo-canary'],
      ['create', 'ServiceSplitter', 'podinfo'],
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    cluster.clearWrites();

    await router.setRoutes(podinfoCanary(), {
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      {
        verb: 'patch',
        ref: ref('ServiceSplitter', 'podinfo'),
        patch: {
          spec: {
            splits: [
              { weight: 60, service: 'podinfo-primary' },
              { weight: 40, service: 'podinfo-canary' },
            ],
          },
        },
      },
    ]);
    expect(await router.getRoutes(podinfoCanary())).toEqual({
      primaryWeight: 60,
      canaryWeight: 40,
      mirrored: false,
    });
  });

  it("leaves the team's apex ServiceDefaults alone and gives the primary and canary its protocol", async () => {
    const { cluster, router } = setup();
    cluster.apply({
      apiVersion: 'consul.hashicorp.com/v1alpha1',
      kind: 'ServiceDefaults',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { protocol: 'http2', mutualTLSMode: 'strict' },
    });
    await router.reconcile(podinfoCanary());
    expect(
      cluster
        .writesOf('create')
        .filter(w => w.ref.kind === 'ServiceDefaults')
        .map(w => [w.ref.name, w.object.spec]),
    ).toEqual([
      ['podinfo-primary', { protocol: 'http2' }],
      ['podinfo-canary', { protocol: 'http2' }],
    ]);
    expect(cluster.find(ref('ServiceDefaults', 'podinfo'))?.spec).toEqual({
      protocol: 'http2',
      mutualTLSMode: 'strict',
    });
  });

  it('given A/B, writes the router, owned by the Canary, after the splitter', async () => {
    const { cluster, router } = setup();
    await router.reconcile(AB);
    expect(cluster.writes.map(w => w.ref.kind).slice(-2)).toEqual([
      'ServiceSplitter',
      'ServiceRouter',
    ]);
    expect(cluster.find(ref('ServiceRouter', 'podinfo'))).toMatchObject({
      metadata: { ownerReferences: [PODINFO_OWNER] },
    });
  });

  it('deletes the router it wrote when no request needs a route any more, and restores one it adopted', async () => {
    const { cluster, router } = setup();
    const steps = podinfoCanary({
      analysis: { stepWeight: undefined, steps: [] },
    });
    const headerRoutes = [
      {
        name: 'insiders',
        match: [{ headerName: 'x-canary', headerValue: { exact: 'insider' } }],
      },
    ];
    await router.reconcile(steps);
    await router.setRoutes(steps, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
      headerRoutes,
    });
    expect(cluster.find(ref('ServiceRouter', 'podinfo'))?.spec).toEqual({
      routes: [
        {
          match: { http: { header: [{ name: 'x-canary', exact: 'insider' }] } },
          destination: { service: 'podinfo-canary' },
        },
      ],
    });
    cluster.clearWrites();
    await router.setRoutes(steps, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    expect(cluster.writes).toEqual([
      { verb: 'delete', ref: ref('ServiceRouter', 'podinfo') },
    ]);

    // A router the team wrote (path routes to other services) is taken over, then handed back.
    const theirs = {
      routes: [
        {
          match: { http: { pathPrefix: '/admin' } },
          destination: { service: 'admin' },
        },
      ],
    };
    cluster.apply({
      apiVersion: 'consul.hashicorp.com/v1alpha1',
      kind: 'ServiceRouter',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: theirs,
    });
    await router.setRoutes(steps, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
      headerRoutes,
    });
    await router.setRoutes(steps, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    const restored = cluster.find(ref('ServiceRouter', 'podinfo'));
    expect(restored?.spec).toEqual(theirs);
    expect(restored?.metadata.annotations ?? {}).toEqual({});
  });

  it('finalize removes the router and the splitter before the protocols it wrote', async () => {
    const { cluster, router } = setup();
    await router.reconcile(AB);
    cluster.clearWrites();
    await router.finalize(AB);
    expect(cluster.writes).toEqual([
      { verb: 'delete', ref: ref('ServiceRouter', 'podinfo') },
      { verb: 'delete', ref: ref('ServiceSplitter', 'podinfo') },
      { verb: 'delete', ref: ref('ServiceDefaults', 'podinfo') },
      { verb: 'delete', ref: ref('ServiceDefaults', 'podinfo-primary') },
      { verb: 'delete', ref: ref('ServiceDefaults', 'podinfo-canary') },
    ]);
  });

  it('given mirroring, reconcile refuses before writing anything', async () => {
    const { cluster, router } = setup();
    await expect(
      router.reconcile(
        podinfoCanary({ analysis: { iterations: 5, mirror: true } }),
      ),
    ).rejects.toBeInstanceOf(UnsupportedRoutingError);
    expect(cluster.writes).toEqual([]);
  });

  it('given no splitter, getRoutes says what is missing', async () => {
    const { router } = setup();
    await expect(router.getRoutes(podinfoCanary())).rejects.toThrow(
      'ServiceSplitter test/podinfo in cluster lab is missing or has no splits to services podinfo-primary and podinfo-canary; reconcile the Canary to create it',
    );
  });
});
