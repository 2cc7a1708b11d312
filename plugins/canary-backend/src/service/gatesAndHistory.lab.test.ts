import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { deployLabPodinfo } from './__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from './__testUtils__/istioPodinfoCanary';
import { startAlertReceiver } from '../alerts/__testUtils__/startAlertReceiver';
import { LabCluster } from '../testing/LabCluster';
import { ownerOnlyPermissions } from './__testUtils__/ownerOnlyPermissions';
import { componentEntity } from './__testUtils__/rolloutObjects';

// A manual gate Vane serves, opened from the portal API, and the rollout history it leaves in the
// plugin's database: the real canary plugin (engine, caches, routes, database) in a test backend
// against the mesh lab, with a file-backed SQLite database that outlives the backend.
jest.setTimeout(5 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const NS = 'gates';
const OWNER = 'user:default/owner';
const STRANGER = 'user:default/stranger';

describe('manual gates served by Vane and the rollout history, against the mesh lab', () => {
  let lab: Lab | undefined;
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  let databaseDir: string;
  let alerts: Awaited<ReturnType<typeof startAlertReceiver>>;

  const startBackend = () =>
    startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'better-sqlite3',
                connection: { directory: databaseDir },
              },
            },
            canary: {
              clusters: [{ ...lab!.clusterConfig('lab') }],
              engine: { leaseDurationSeconds: 6 },
              // The release channel: every Canary's warnings and errors, so it hears of the gate.
              alertProviders: [
                {
                  name: 'releases',
                  type: 'generic',
                  url: `${alerts.url}/releases`,
                  severity: 'warn',
                },
              ],
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
        ownerOnlyPermissions(OWNER),
      ],
    });

  beforeAll(async () => {
    databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vane-history-'));
    alerts = await startAlertReceiver();
  });

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await alerts?.close();
  });

  it('holds a rollout at a vane://approval confirm-promotion gate until an owner approves it, refuses others, and keeps the history across a backend restart and after the Canary is deleted', async () => {
    lab = await startLab({ readyDelayMs: 300 });
    const cluster = new LabCluster(lab);
    await deployLabPodinfo(cluster, {
      namespace: NS,
      image: GOOD,
      service: false,
    });
    await cluster.apply(
      istioPodinfoCanary(NS, {
        interval: '2s',
        threshold: 3,
        maxWeight: 50,
        stepWeight: 50,
        webhooks: [
          {
            name: 'release-manager',
            type: 'confirm-promotion',
            url: 'vane://approval',
          },
        ],
      }),
    );
    backend = await startBackend();

    const rolloutsPath =
      '/api/canary/entities/component/default/podinfo/rollouts';
    const actionPath = (action: string) =>
      `${rolloutsPath}/lab/${NS}/podinfo/${action}`;
    const historyPath = '/api/canary/history?entity=component:default/podinfo';
    const as = (user: string) => mockCredentials.user.header(user);
    let rollout: any;
    const untilRollout = (description: string, check: (r: any) => boolean) =>
      waitFor(
        description,
        async () => {
          const res = await request(backend!.server)
            .get(rolloutsPath)
            .set('Authorization', as(STRANGER));
          rollout = res.body.items?.[0];
          return res.status === 200 && !!rollout && check(rollout);
        },
        { timeoutMs: 180_000, observe: () => JSON.stringify(rollout?.status) },
      );

    await untilRollout(
      'the Canary to be Initialized',
      r => r.status.phase === 'Initialized',
    );
    await cluster.patch('apps/v1', 'Deployment', NS, 'podinfo', {
      spec: {
        template: {
          spec: { containers: [{ name: 'podinfod', image: NEXT }] },
        },
      },
    });
    await untilRollout(
      'the rollout to wait at the confirm-promotion gate',
      r => r.status.phase === 'WaitingPromotion',
    );
    expect(rollout.status).toMatchObject({
      canaryWeight: 50,
      reason:
        'Waiting for approval: confirm-promotion gate release-manager waits for an owner to approve it in the portal',
      pendingGate: {
        type: 'confirm-promotion',
        name: 'release-manager',
        approvableInPortal: true,
      },
      startedAt: expect.any(String),
    });

    // The release channel is told someone has to act (and, at warn, nothing of the start).
    await waitFor(
      'the alert about the gate',
      () => alerts.received.length > 0,
      { timeoutMs: 30_000 },
    );
    expect(
      alerts.received.map(r => [r.path, r.body.severity, r.body.message]),
    ).toEqual([
      [
        '/releases',
        'warn',
        `podinfo.${NS} is waiting for approval at its confirm-promotion gate release-manager: approve or abort it on the Canary in Backstage.`,
      ],
    ]);

    // A non-owner is refused and nothing is written on the Canary.
    const refused = await request(backend.server)
      .post(actionPath('approve'))
      .set('Authorization', as(STRANGER));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'Only owners of component:default/podinfo may approve its rollouts (canary.rollout.update)',
    );
    const untouched = await cluster.canary(NS, 'podinfo');
    expect(
      untouched.metadata.annotations?.['delivery.vane.dev/approval'],
    ).toBeUndefined();
    expect(untouched.status.phase).toBe('WaitingPromotion');

    // The owner opens the gate and the rollout goes on to the end.
    const approved = await request(backend.server)
      .post(actionPath('approve'))
      .set('Authorization', as(OWNER));
    expect(approved.status).toBe(202);
    expect(approved.body).toEqual({
      action: 'approve',
      canary: `lab/${NS}/podinfo`,
      message: `confirm-promotion gate release-manager approved by ${OWNER}`,
    });
    await untilRollout(
      'the approved rollout to succeed',
      r => r.status.phase === 'Succeeded',
    );
    expect(rollout.status.pendingGate).toBeUndefined();
    expect(rollout.images.primary).toEqual([
      { container: 'podinfod', image: NEXT },
    ]);

    const late = await request(backend.server)
      .post(actionPath('approve'))
      .set('Authorization', as(OWNER));
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      'Only a rollout waiting at a manual gate can be approved; this one is Succeeded and waits at no gate (phase Succeeded)',
    );

    // The history: the rollout with its result, the weight it reached and who approved it.
    const expectedEntry = {
      cluster: 'lab',
      namespace: NS,
      name: 'podinfo',
      result: 'Succeeded',
      weightReached: 100,
      startedAt: rollout.status.startedAt,
      images: {
        primary: [{ container: 'podinfod', image: GOOD }],
        canary: [{ container: 'podinfod', image: NEXT }],
      },
      actions: [
        {
          action: 'approve',
          user: OWNER,
          message: `confirm-promotion gate release-manager approved by ${OWNER}`,
        },
      ],
    };
    let history: any;
    await waitFor(
      'the history to show the rollout as Succeeded',
      async () => {
        const res = await request(backend!.server)
          .get(historyPath)
          .set('Authorization', as(STRANGER));
        history = res.body;
        return res.status === 200 && history.items?.[0]?.result === 'Succeeded';
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(history) },
    );
    expect(history).toMatchObject({
      entityRef: 'component:default/podinfo',
      totalCount: 1,
      items: [expectedEntry],
    });
    expect(history.items[0].endedAt).toEqual(expect.any(String));

    // Bad requests to /history are refused with a reason.
    const missing = await request(backend.server)
      .get('/api/canary/history')
      .set('Authorization', as(OWNER));
    expect(missing.status).toBe(400);
    const unknown = await request(backend.server)
      .get('/api/canary/history?entity=component:default/nope')
      .set('Authorization', as(OWNER));
    expect(unknown.status).toBe(404);

    // A new backend on the same database still knows the rollout.
    await backend.stop();
    backend = await startBackend();
    let after: any;
    await waitFor(
      'the restarted backend to serve the history',
      async () => {
        const res = await request(backend!.server)
          .get(historyPath)
          .set('Authorization', as(OWNER));
        after = res.body;
        return res.status === 200 && after.totalCount >= 1;
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(after) },
    );
    expect(after).toEqual(history);

    // The entity is linked through its Deployment (kubernetes-id), which outlives the Canary: the
    // history of a deleted Canary stays on the entity.
    await cluster.delete('delivery.vane.dev/v1alpha1', 'Canary', NS, 'podinfo');
    await waitFor(
      `Canary ${NS}/podinfo to be gone`,
      async () => (await cluster.canary(NS, 'podinfo')) === undefined,
      { timeoutMs: 60_000 },
    );
    let afterDeletion: any;
    await waitFor(
      'the history once the backend no longer caches the Canary',
      async () => {
        const rollouts = await request(backend!.server)
          .get('/api/canary/entities/component/default/podinfo/rollouts')
          .set('Authorization', as(OWNER));
        const res = await request(backend!.server)
          .get(historyPath)
          .set('Authorization', as(OWNER));
        afterDeletion = res.body;
        return rollouts.status === 200 && rollouts.body.items.length === 0;
      },
      { timeoutMs: 30_000, observe: () => JSON.stringify(afterDeletion) },
    );
    expect(afterDeletion).toEqual(history);
  });
});
