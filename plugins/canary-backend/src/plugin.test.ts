import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createMeshRouterModule,
  createNotifierModule,
} from '@vane/plugin-canary-node';
import request from 'supertest';
import { canaryPlugin } from './plugin';

describe('canary backend plugin', () => {
  async function startBackend() {
    return startTestBackend({
      features: [
        canaryPlugin,
        createMeshRouterModule({
          provider: 'apisix',
          create: () => {
            throw new Error('not used in this test');
          },
        }),
        // Requests without an Authorization header are unauthenticated, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
  }

  const delaySummary = {
    p50Ms: expect.any(Number),
    p99Ms: expect.any(Number),
    maxMs: expect.any(Number),
    since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  };

  it('answers GET /api/canary/health for a signed-in user, listing mesh routers added by modules', async () => {
    const backend = await startBackend();
    try {
      const res = await request(backend.server)
        .get('/api/canary/health')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/guest'),
        );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        meshProviders: [
          'apisix',
          'appmesh',
          'consul',
          'contour',
          'gatewayapi',
          'gloo',
          'istio',
          'kubernetes',
          'kuma',
          'nginx',
          'smi',
          'traefik',
        ],
        // The event loop delay the plugin measures, for operators.
        eventLoopDelay: {
          lastMinute: delaySummary,
          sinceStart: delaySummary,
        },
      });
    } finally {
      await backend.stop();
    }
  });

  it('refuses GET /api/canary/health without credentials with 401', async () => {
    const backend = await startBackend();
    try {
      const res = await request(backend.server).get('/api/canary/health');
      expect(res.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('accepts alert providers of a type a module added with createNotifierModule, and refuses an unknown type at start', async () => {
    const alertProviders = [
      {
        name: 'pages',
        type: 'pagerduty',
        url: 'https://events.example.test/v2',
      },
    ];
    const config = mockServices.rootConfig.factory({
      data: { canary: { alertProviders } },
    });
    const pagerduty = createNotifierModule({
      type: 'pagerduty',
      request: (alert, provider) => ({ url: provider.url, body: alert }),
    });
    const backend = await startTestBackend({
      features: [canaryPlugin, pagerduty, config],
    });
    await backend.stop();

    await expect(
      startTestBackend({ features: [canaryPlugin, config] }),
    ).rejects.toThrow(
      'canary.alertProviders[0].type must be one of slack, msteams, discord, generic (got "pagerduty")',
    );
  });
});
