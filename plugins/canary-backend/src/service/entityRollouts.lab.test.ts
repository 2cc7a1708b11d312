import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { LabCluster } from '../testing/LabCluster';
import { componentEntity } from './__testUtils__/rolloutObjects';

// The portal API end to end: the real canary plugin (engine, caches, routes) in a test backend,
// against the mesh lab's real API server, read over HTTP as the frontend reads it.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';

describe('GET /entities/:kind/:namespace/:name/rollouts against the mesh lab', () => {
  let lab: Lab | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
  });

  it("shows the entity's Canary reaching Initialized, with the primary image and the planned steps", async () => {
    lab = await startLab({ readyDelayMs: 300 });
    const cluster = new LabCluster(lab);
    const ns = 'portal';
    await cluster.apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    await cluster.apply({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'podinfo',
        namespace: ns,
        labels: { app: 'podinfo', 'backstage.io/kubernetes-id': 'podinfo' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'podinfo' } },
        template: {
          metadata: { labels: { app: 'podinfo' } },
          spec: {
            containers: [
              {
                name: 'podinfod',
                image: GOOD,
                ports: [{ name: 'http', containerPort: 9898 }],
              },
            ],
          },
        },
      },
    });
    await cluster.apply({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'podinfo', namespace: ns },
      spec: {
        provider: 'istio',
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
        },
        service: { port: 9898, targetPort: 9898 },
        analysis: {
          interval: '4s',
          threshold: 3,
          maxWeight: 80,
          stepWeight: 20,
        },
      },
    });

    backend = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              // LabClusterConfig is plain JSON; its interface lacks JsonObject's index signature.
              clusters: [{ ...lab.clusterConfig('lab') }],
              engine: { leaseDurationSeconds: 6 },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            componentEntity('podinfo', 'group:default/team-a', {
              'backstage.io/kubernetes-id': 'podinfo',
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });

    let body: any;
    await waitFor(
      'the API to show Canary portal/podinfo Initialized with its event',
      async () => {
        const res = await request(backend!.server).get(
          '/api/canary/entities/component/default/podinfo/rollouts',
        );
        body = res.body;
        // The engine records its event right around the status patch: wait for both.
        return (
          res.status === 200 &&
          body.items?.[0]?.status?.phase === 'Initialized' &&
          body.items[0].events.some(
            (e: any) => e.message === 'Initialization done! podinfo.portal',
          )
        );
      },
      { timeoutMs: 180_000, observe: () => JSON.stringify(body) },
    );

    expect(body.errors).toEqual([]);
    expect(body.items).toHaveLength(1);
    const [rollout] = body.items;
    expect(rollout).toMatchObject({
      cluster: 'lab',
      namespace: ns,
      name: 'podinfo',
      entityRef: 'component:default/podinfo',
      provider: 'istio',
    });
    expect(rollout.spec.strategy).toBe('canary');
    expect(rollout.spec.steps).toEqual([20, 40, 60, 80]);
    expect(rollout.images.primary).toEqual([
      { container: 'podinfod', image: GOOD },
    ]);
    expect(rollout.status.canaryWeight).toBe(0);
    expect(rollout.events.map((e: any) => e.message)).toContain(
      'Initialization done! podinfo.portal',
    );
  });
});
