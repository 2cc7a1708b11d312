import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/clusters
describe('the clusters and their meshes', () => {
  it('lists each cluster with its discovered providers and default, and why one cannot answer', async () => {
    const istio = new InMemoryCluster('lab', [
      'apps',
      'networking.istio.io',
      'gateway.networking.k8s.io',
    ]);
    const plain = new InMemoryCluster('edge', ['apps']);
    const down = new InMemoryCluster('dr').unreachable(
      'Cluster dr: connect ECONNREFUSED 127.0.0.1:6443',
    );
    const { server } = await startRolloutApi({
      clusters: [istio, plain, down],
      entities: [],
    });
    const res = await request(server)
      .get('/api/canary/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        name: 'lab',
        available: true,
        meshProviders: ['istio', 'gatewayapi', 'nginx', 'kubernetes'],
        defaultProvider: 'istio',
      },
      {
        name: 'edge',
        available: true,
        meshProviders: ['nginx', 'kubernetes'],
        defaultProvider: 'kubernetes',
      },
      {
        name: 'dr',
        available: false,
        error: 'Cluster dr: connect ECONNREFUSED 127.0.0.1:6443',
        meshProviders: [],
      },
    ]);
  });
});
