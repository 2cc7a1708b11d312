import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/rollouts: the release overview, from memory caches and a mock catalog.
describe('GET /rollouts', () => {
  // team-a owns podinfo (by kubernetes-id) and frontend (by name); team-b owns backend.
  const entities = [
    componentEntity('podinfo', 'group:default/team-a', {
      'backstage.io/kubernetes-id': 'podinfo',
    }),
    {
      ...componentEntity('frontend', 'group:default/team-a', {
        'vane.dev/canary': 'web/frontend',
      }),
      spec: { type: 'website', lifecycle: 'production', owner: 'team-a' },
    },
    componentEntity('backend', 'group:default/team-b', {
      'vane.dev/canary': 'test/backend',
    }),
    componentEntity('docs', 'group:default/team-a', {}),
  ];
  const east = () =>
    new InMemoryCluster('east').apply(
      canaryObject('test', 'podinfo', {
        phase: 'Progressing',
        canaryWeight: 20,
      }),
      deploymentObject('test', 'podinfo', 'podinfo:6.1.0', {
        'backstage.io/kubernetes-id': 'podinfo',
      }),
      canaryObject('web', 'frontend', { phase: 'Succeeded' }),
      canaryObject('test', 'backend', {
        phase: 'Failed',
        reason: 'Canary analysis failed',
      }),
    );
  const west = () =>
    new InMemoryCluster('west').apply(
      canaryObject('test', 'podinfo', { phase: 'Failed' }),
      deploymentObject('test', 'podinfo', 'podinfo:6.0.1', {
        'backstage.io/kubernetes-id': 'podinfo',
      }),
    );
  const ids = (body: any) =>
    body.items.map(
      (i: any) =>
        `${i.cluster}/${i.namespace}/${i.name} ${i.entityRef} ${i.status.phase}`,
    );

  it('lists the rollouts of every entity a team owns, across clusters, in the entity item shape', async () => {
    const backend = await startRolloutApi({
      clusters: [east(), west()],
      entities,
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/rollouts?owner=group:default/team-a',
      );
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual([
        'east/test/podinfo component:default/podinfo Progressing',
        'east/web/frontend component:default/frontend Succeeded',
        'west/test/podinfo component:default/podinfo Failed',
      ]);
      expect(res.body).toMatchObject({
        totalCount: 3,
        offset: 0,
        limit: 100,
        errors: [],
      });
      expect(res.body.items[0].spec.steps).toEqual([20, 40, 60, 80]);
      expect(res.body.items[0].images.canary).toEqual([
        { container: 'podinfod', image: 'podinfo:6.1.0' },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('filters by phase and cluster and pages', async () => {
    const backend = await startRolloutApi({
      clusters: [east(), west()],
      entities,
    });
    try {
      const failed = await request(backend.server).get(
        '/api/canary/rollouts?phase=Failed',
      );
      expect(ids(failed.body)).toEqual([
        'east/test/backend component:default/backend Failed',
        'west/test/podinfo component:default/podinfo Failed',
      ]);
      const onEast = await request(backend.server).get(
        '/api/canary/rollouts?owner=team-a&cluster=east',
      );
      expect(ids(onEast.body)).toEqual([
        'east/test/podinfo component:default/podinfo Progressing',
        'east/web/frontend component:default/frontend Succeeded',
      ]);
      const page = await request(backend.server).get(
        '/api/canary/rollouts?limit=2&offset=2',
      );
      expect(ids(page.body)).toEqual([
        'east/web/frontend component:default/frontend Succeeded',
        'west/test/podinfo component:default/podinfo Failed',
      ]);
      expect(page.body).toMatchObject({ totalCount: 4, offset: 2, limit: 2 });
    } finally {
      await backend.stop();
    }
  });

  it('reports an unreachable cluster once and answers from the others', async () => {
    const down = new InMemoryCluster('west').unreachable(
      'Cluster west is unreachable: ECONNREFUSED',
    );
    const backend = await startRolloutApi({
      clusters: [east(), down],
      entities,
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/rollouts?owner=group:default/team-a',
      );
      expect(ids(res.body)).toEqual([
        'east/test/podinfo component:default/podinfo Progressing',
        'east/web/frontend component:default/frontend Succeeded',
      ]);
      expect(res.body.errors).toEqual([
        {
          cluster: 'west',
          message: 'Cluster west is unreachable: ECONNREFUSED',
        },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('leaves out entities whose rollouts the caller may not read', async () => {
    const backend = await startRolloutApi({
      clusters: [east()],
      entities,
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/rollouts?owner=group:default/team-a',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [],
        totalCount: 0,
        offset: 0,
        limit: 100,
        errors: [],
      });
    } finally {
      await backend.stop();
    }
  });

  it('answers 400 with what is accepted for a bad filter', async () => {
    const backend = await startRolloutApi({ clusters: [east()], entities });
    try {
      const res = await request(backend.server).get(
        '/api/canary/rollouts?limit=0',
      );
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: 'limit must be a whole number between 1 and 2000 (got "0")',
      });
    } finally {
      await backend.stop();
    }
  });
});
