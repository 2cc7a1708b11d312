import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { RolloutHistoryStore } from '../history/RolloutHistoryStore';
import { canaryTestDatabases } from '../history/__testUtils__/canaryTestDatabases';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

jest.setTimeout(60_000);

// GET /api/canary/history?entity=kind:namespace/name&limit=&offset=
const databases = canaryTestDatabases();

describe.each(databases.eachSupportedId())(
  'the rollout history of an entity, on %s',
  databaseId => {
    const podinfo = componentEntity('podinfo', 'group:default/team-podinfo', {
      'vane.dev/canary': 'test/podinfo',
    });
    const guest = mockCredentials.user.header('user:default/guest');
    const images = {
      primary: [{ container: 'podinfod', image: 'podinfo:6.0.0' }],
      canary: [{ container: 'podinfod', image: 'podinfo:6.1.0' }],
    };

    async function setUp(
      permission:
        | AuthorizeResult.ALLOW
        | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
    ) {
      const knex = await databases.init(databaseId);
      const history = await RolloutHistoryStore.create(
        mockServices.database({ knex }),
      );
      const lab = new InMemoryCluster('lab').apply(
        canaryObject('test', 'podinfo', { phase: 'Succeeded' }),
        deploymentObject('test', 'podinfo', 'podinfo:6.1.0'),
      );
      for (const [revision, minute] of [
        ['rev-a', 0],
        ['rev-b', 1],
        ['rev-c', 2],
      ] as const) {
        await history.recordEnd({
          canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
          target: 'podinfo',
          revision,
          startedAt: `2026-11-22T12:0${minute}:00.000Z`,
          endedAt: `2026-11-22T12:0${minute}:30.000Z`,
          result: revision === 'rev-b' ? 'Failed' : 'Succeeded',
          weightReached: revision === 'rev-b' ? 40 : 100,
          ...(revision === 'rev-b'
            ? {
                reason:
                  'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
              }
            : {}),
          images,
        });
      }
      // Another Canary's rollout, not the entity's.
      await history.recordStart({
        canary: { cluster: 'lab', namespace: 'test', name: 'checkout' },
        target: 'checkout',
        revision: 'rev-x',
        startedAt: '2026-11-22T13:00:00.000Z',
        images,
      });
      return startRolloutApi({
        clusters: [lab],
        entities: [podinfo],
        permission,
        history,
      });
    }

    it("answers the entity's rollouts newest first, one page at a time", async () => {
      const { server } = await setUp();
      const res = await request(server)
        .get(
          '/api/canary/history?entity=component:default/podinfo&limit=2&offset=0',
        )
        .set('Authorization', guest);
      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/podinfo');
      expect(res.body.totalCount).toBe(3);
      expect(
        res.body.items.map((i: any) => [i.revision, i.result, i.weightReached]),
      ).toEqual([
        ['rev-c', 'Succeeded', 100],
        ['rev-b', 'Failed', 40],
      ]);
      expect(res.body.items[1]).toMatchObject({
        cluster: 'lab',
        namespace: 'test',
        name: 'podinfo',
        reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
        images,
        actions: [],
      });
      const next = await request(server)
        .get(
          '/api/canary/history?entity=component:default/podinfo&limit=2&offset=2',
        )
        .set('Authorization', guest);
      expect(next.body.items.map((i: any) => i.revision)).toEqual(['rev-a']);
    });

    /** A fresh database holding one succeeded rollout of each Canary, with the Deployment it rolled out. */
    async function historyOf(
      rollouts: Array<{ name: string; target: string }>,
    ) {
      const knex = await databases.init(databaseId);
      const history = await RolloutHistoryStore.create(
        mockServices.database({ knex }),
      );
      for (const { name, target } of rollouts) {
        await history.recordEnd({
          canary: { cluster: 'lab', namespace: 'test', name },
          target,
          revision: `rev-${name}`,
          startedAt: '2026-11-22T12:00:00.000Z',
          endedAt: '2026-11-22T12:00:30.000Z',
          result: 'Succeeded',
          weightReached: 100,
          images,
        });
      }
      return history;
    }

    it('keeps the history of a Canary the entity names after the Canary is deleted', async () => {
      // reviews-v1 was deleted (revertOnDeletion handed its service back); reviews replaced it.
      const history = await historyOf([
        { name: 'reviews-v1', target: 'reviews' },
        { name: 'reviews', target: 'reviews' },
      ]);
      const reviews = componentEntity('reviews', 'group:default/team-podinfo', {
        'vane.dev/canary': 'test/reviews, test/reviews-v1',
      });
      const { server } = await startRolloutApi({
        clusters: [
          new InMemoryCluster('lab').apply(
            canaryObject('test', 'reviews', { phase: 'Succeeded' }),
          ),
        ],
        entities: [reviews],
        history,
      });
      const res = await request(server)
        .get('/api/canary/history?entity=component:default/reviews')
        .set('Authorization', guest);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => i.name).sort()).toEqual([
        'reviews',
        'reviews-v1',
      ]);
    });

    it('keeps the history of a deleted Canary for an entity linked through its Deployment (kubernetes-id)', async () => {
      // podinfo-old rolled out podinfo and was deleted; checkout's Canary is another entity's.
      const history = await historyOf([
        { name: 'podinfo-old', target: 'podinfo' },
        { name: 'checkout', target: 'checkout' },
      ]);
      const byId = componentEntity('podinfo', 'group:default/team-podinfo', {
        'backstage.io/kubernetes-id': 'podinfo',
      });
      const { server } = await startRolloutApi({
        clusters: [
          new InMemoryCluster('lab').apply(
            deploymentObject('test', 'podinfo', 'podinfo:6.1.0', {
              'backstage.io/kubernetes-id': 'podinfo',
            }),
            deploymentObject('test', 'checkout', 'checkout:1.0.0'),
          ),
        ],
        entities: [byId],
        history,
      });
      const res = await request(server)
        .get('/api/canary/history?entity=component:default/podinfo')
        .set('Authorization', guest);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(1);
      expect(res.body.items.map((i: any) => i.name)).toEqual(['podinfo-old']);
    });

    it.each([
      ['', 400, 'The query parameter entity is required'],
      [
        '?entity=podinfo',
        400,
        'The query parameter entity must be an entity ref such as component:default/podinfo (got "podinfo")',
      ],
      [
        '?entity=component:default/podinfo&limit=0',
        400,
        'The query parameter limit must be a whole number between 1 and 200 (got "0")',
      ],
      [
        '?entity=component:default/nope',
        404,
        'No entity component:default/nope in the catalog',
      ],
    ])(
      'answers GET /history%s with %d and says why',
      async (query, status, message) => {
        const { server } = await setUp();
        const res = await request(server)
          .get(`/api/canary/history${query}`)
          .set('Authorization', guest);
        expect(res.status).toBe(status);
        expect(res.body.error.message).toContain(message);
      },
    );

    it('refuses a caller who may not read the rollouts with 403', async () => {
      const { server } = await setUp(AuthorizeResult.DENY);
      const res = await request(server)
        .get('/api/canary/history?entity=component:default/podinfo')
        .set('Authorization', guest);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You may not read the rollouts of component:default/podinfo (canary.rollout.read)',
      );
    });
  },
);
