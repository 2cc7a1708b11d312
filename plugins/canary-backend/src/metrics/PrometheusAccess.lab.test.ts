import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Lab, startLab, waitFor } from '@vane/mesh-lab';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { canaryPlugin } from '../plugin';
import { deployLabPodinfo } from '../service/__testUtils__/deployLabPodinfo';
import { istioPodinfoCanary } from '../service/__testUtils__/istioPodinfoCanary';
import { componentEntity } from '../service/__testUtils__/rolloutObjects';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';

// Prometheus as production runs it: the lab's real Prometheus behind its own --web.config.file,
// basic auth (a bcrypt hash) over TLS (a certificate for 127.0.0.1 signed by a CA made for the
// lab), queried by the rollout's analysis with the password read from a file and the CA from
// config. A wrong password fails the checks with the 401 in the reason, never a promotion; the
// rotated file is read at the next query, without restarting the backend.
jest.setTimeout(6 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
const LATER = 'ghcr.io/stefanprodan/podinfo:6.2.0';
const NS = 'prometheus-access';
const USER = 'vane';

describe('the analysis against a Prometheus with basic auth over TLS', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let passwordFile: string;
  const password = crypto.randomBytes(12).toString('hex');

  beforeAll(async () => {
    lab = await startLab({
      readyDelayMs: 300,
      prometheus: { tls: true, basicAuth: { username: USER, password } },
    });
    cluster = new LabCluster(lab);
    await deployLabPodinfo(cluster, { namespace: NS, image: GOOD });
    await cluster.apply(
      istioPodinfoCanary(NS, {
        interval: '2s',
        threshold: 2,
        maxWeight: 50,
        stepWeight: 50,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '10s',
          },
        ],
      }),
    );
    // The mounted secret starts out wrong; the rotation test writes the right one.
    passwordFile = path.join(lab.dataDir, 'prometheus-password');
    fs.writeFileSync(passwordFile, 'not-the-password\n');
    const { basicAuth, ...prometheus } = lab.clusterConfig('lab').prometheus;
    backend = await startTestBackend({
      features: [
        canaryPlugin,
        mockServices.rootConfig.factory({
          data: {
            canary: {
              clusters: [
                {
                  ...lab.clusterConfig('lab'),
                  prometheus: {
                    ...prometheus,
                    basicAuth: { username: basicAuth!.username, passwordFile },
                  },
                },
              ],
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
    await waitForPhase('Initialized');
    lab.setLoad({ service: 'podinfo', namespace: NS, rps: 20 });
  });

  afterAll(async () => {
    await backend?.stop();
    await lab?.stop();
  });

  async function waitForPhase(phase: string) {
    let status: any;
    await waitFor(
      `Canary ${NS}/podinfo to reach ${phase}`,
      async () => {
        status = (await cluster.canary(NS, 'podinfo'))?.status;
        return status?.phase === phase;
      },
      { timeoutMs: 180_000, observe: () => JSON.stringify(status) },
    );
    return status;
  }

  const release = (image: string) =>
    cluster.patch('apps/v1', 'Deployment', NS, 'podinfo', {
      spec: {
        template: { spec: { containers: [{ name: 'podinfod', image }] } },
      },
    });

  const primaryImage = async () =>
    (await cluster.get('apps/v1', 'Deployment', NS, 'podinfo-primary'))?.spec
      ?.template?.spec?.containers?.[0]?.image;

  it('fails the rollout on a wrong password with the 401 in the reason, and never promotes', async () => {
    const progress = recordCanaryProgress(cluster, NS, 'podinfo');
    await release(NEXT);
    const failed = await waitForPhase('Failed');
    await progress.stop();
    // Over TLS, trusting the lab's CA from config: the 401 is Prometheus' own answer.
    expect(lab.prometheusUrl).toMatch(/^https:\/\/127\.0\.0\.1:/);
    expect(failed.reason).toBe(
      `request-success-rate: no data: Prometheus at ${lab.prometheusUrl} refused the credentials: HTTP 401 Unauthorized: Unauthorized (2 of 2 failed checks)`,
    );
    expect(progress.phases()).not.toContain('Promoting');
    expect(progress.phases()).not.toContain('Succeeded');
    expect(await primaryImage()).toBe(GOOD);
  });

  it('promotes the next release once the password file is rotated, without a restart', async () => {
    fs.writeFileSync(passwordFile, `${password}\n`);
    const progress = recordCanaryProgress(cluster, NS, 'podinfo');
    await release(LATER);
    await waitForPhase('Succeeded');
    await progress.stop();
    expect(progress.weights()).toEqual([50]);
    expect(await primaryImage()).toBe(LATER);

    // The mesh health route asks the same Prometheus with the same credentials.
    let body: any;
    await waitFor(
      'the health of podinfo-primary to be measured',
      async () => {
        const res = await request(backend.server).get(
          '/api/canary/entities/component/default/podinfo/health',
        );
        body = res.body;
        return body.items?.some(
          (item: any) =>
            item.workload === 'podinfo-primary' && item.status === 'healthy',
        );
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(body) },
    );
    expect(body.errors ?? []).toEqual([]);
  });
});
