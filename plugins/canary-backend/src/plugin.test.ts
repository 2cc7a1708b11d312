import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createMeshRouterModule } from '@vane/plugin-canary-node';
import request from 'supertest';
import { canaryPlugin } from './plugin';

describe('canary backend plugin', () => {
  async function startBackend() {
    return startTestBackend({
      features: [
        canaryPlugin,
        createMeshRouterModule({
          provider: 'consul',
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
        meshProviders: ['consul', 'gatewayapi', 'istio', 'kubernetes', 'smi'],
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
});
