import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/entities/:kind/:namespace/:name/canaries/:cluster/:namespace/:canary
describe('the state of a Canary just applied', () => {
  const guest = mockCredentials.user.header('user:default/guest');
  const reviews = componentEntity('reviews', 'group:default/team-podinfo', {
    'backstage.io/kubernetes-id': 'reviews',
  });
  const image = 'ghcr.io/stefanprodan/podinfo:6.0.0';

  it('answers the phase of a Canary that targets a Deployment of the entity, without a catalog link to it', async () => {
    const cluster = new InMemoryCluster('lab').apply(
      deploymentObject('test', 'reviews', image, {
        'backstage.io/kubernetes-id': 'reviews',
      }),
      canaryObject('test', 'reviews', { phase: 'Initialized' }),
      deploymentObject('shop', 'checkout', image),
      canaryObject('shop', 'checkout', { phase: 'Progressing' }),
    );
    const { server } = await startRolloutApi({
      clusters: [cluster],
      entities: [reviews],
    });
    const res = await request(server)
      .get(
        '/api/canary/entities/component/default/reviews/canaries/lab/test/reviews',
      )
      .set('Authorization', guest);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cluster: 'lab',
      namespace: 'test',
      name: 'reviews',
      phase: 'Initialized',
      conditions: [],
      specErrors: [],
    });

    const other = await request(server)
      .get(
        '/api/canary/entities/component/default/reviews/canaries/lab/shop/checkout',
      )
      .set('Authorization', guest);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe(
      'No Canary shop/checkout in cluster lab targets a workload of component:default/reviews',
    );
  });
});
