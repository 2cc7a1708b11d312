import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { RolloutHistoryEntry } from '@vane/plugin-canary-common';
import Router from 'express-promise-router';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { PrometheusClients } from '../metrics/PrometheusClients';
import { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { canaryObject, componentEntity } from './__testUtils__/rolloutObjects';
import { rolloutAnalysisRoute } from './rolloutAnalysisRoute';

/** A Prometheus stand-in answering range queries: 97% for the canary, 100% for the primary. */
async function startPrometheus() {
  const requests: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    requests.push(params);
    const primary = params.get('query')!.includes('podinfo-primary');
    const start = Number(params.get('start'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: {},
              values: [
                [start, '100'],
                [start + 60, primary ? '100' : '97'],
              ],
            },
          ],
        },
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

const PAST: RolloutHistoryEntry = {
  id: 7,
  cluster: 'east',
  namespace: 'test',
  name: 'podinfo',
  revision: 'abc',
  images: { primary: [], canary: [] },
  startedAt: '2026-11-20T10:00:00.000Z',
  endedAt: '2026-11-20T10:20:00.000Z',
  result: 'Failed',
  weightReached: 40,
  actions: [],
};

// GET .../rollouts/:cluster/:namespace/:canary/analysis over memory caches and a stand-in
// Prometheus (the lab test reads the real one).
describe('GET /entities/:kind/:namespace/:name/rollouts/:cluster/:namespace/:canary/analysis', () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const path = '/api/canary/entities/component/default/podinfo/rollouts';

  beforeAll(async () => {
    prometheus = await startPrometheus();
    const east = new InMemoryCluster('east').apply(
      canaryObject('test', 'podinfo', {
        phase: 'Progressing',
        canaryWeight: 20,
        startedAt: new Date(Date.now() - 9 * 60_000).toISOString(),
      }),
    );
    east.prometheus = new PrometheusMetricProvider({ url: prometheus.url });
    const prometheusClients = new PrometheusClients();
    const plugin = createBackendPlugin({
      pluginId: 'canary',
      register(env) {
        env.registerInit({
          deps: {
            auditor: coreServices.auditor,
            catalog: catalogServiceRef,
            httpAuth: coreServices.httpAuth,
            httpRouter: coreServices.httpRouter,
            permissions: coreServices.permissions,
          },
          async init({ auditor, catalog, httpAuth, httpRouter, permissions }) {
            const router = Router();
            rolloutAnalysisRoute(router, {
              auditor,
              clusters: () => [east],
              catalog,
              httpAuth,
              permissions,
              prometheusAt: url => prometheusClients.at(url),
              historyById: async id => (id === PAST.id ? PAST : undefined),
            });
            httpRouter.use(router);
          },
        });
      },
    });
    backend = await startTestBackend({
      features: [
        plugin,
        catalogServiceMock.factory({
          entities: [
            componentEntity('podinfo', 'group:default/team-a', {
              'vane.dev/canary': 'test/podinfo',
            }),
          ],
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await prometheus?.stop();
  });

  it("charts the current rollout from its start: canary and primary, the canary's failed sample marked", async () => {
    const res = await request(backend.server).get(
      `${path}/east/test/podinfo/analysis`,
    );
    expect(res.status).toBe(200);
    const span = Date.parse(res.body.to) - Date.parse(res.body.from);
    expect(span).toBeGreaterThanOrEqual(9 * 60_000);
    expect(span).toBeLessThan(9 * 60_000 + 30_000);
    // Over 540 s, in at most 200 points.
    expect(res.body.stepSeconds).toBe(3);
    const [metric] = res.body.metrics;
    const start = Date.parse(res.body.from) / 1000;
    expect(metric).toEqual({
      name: 'request-success-rate',
      thresholdRange: { min: 99 },
      canary: [
        [start, 100],
        [start + 60, 97],
      ],
      primary: [
        [start, 100],
        [start + 60, 100],
      ],
      failed: [start + 60],
    });
    expect(prometheus.requests.map(r => r.get('query'))).toEqual([
      expect.stringContaining('destination_workload=~"podinfo"'),
      expect.stringContaining('destination_workload=~"podinfo-primary"'),
    ]);
  });

  it('charts a past rollout from the history, from its start to its end', async () => {
    const res = await request(backend.server).get(
      `${path}/east/test/podinfo/analysis?history=7`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: PAST.startedAt,
      to: PAST.endedAt,
      stepSeconds: 6,
    });
  });

  it('answers 404 for a history id that is not this Canary, 400 for a malformed one', async () => {
    const missing = await request(backend.server).get(
      `${path}/east/test/podinfo/analysis?history=8`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No past rollout 8 of Canary test/podinfo in cluster east in the history',
    );
    const malformed = await request(backend.server).get(
      `${path}/east/test/podinfo/analysis?history=-1`,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe(
      'history must be the id of a past rollout, a positive whole number from GET /history (got "-1")',
    );
  });

  it('answers 404 for a Canary that is not the entity’s', async () => {
    const res = await request(backend.server).get(
      `${path}/west/test/podinfo/analysis`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Canary test/podinfo in cluster west is not a rollout of component:default/podinfo',
    );
  });
});
