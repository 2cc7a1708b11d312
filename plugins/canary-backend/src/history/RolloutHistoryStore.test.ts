import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { canaryTestDatabases } from './__testUtils__/canaryTestDatabases';
import { RolloutHistoryStore } from './RolloutHistoryStore';

jest.setTimeout(60_000);

const podinfo = { cluster: 'lab', namespace: 'test', name: 'podinfo' };
const images = {
  primary: [{ container: 'podinfod', image: 'podinfo:6.0.0' }],
  canary: [{ container: 'podinfod', image: 'podinfo:6.1.0' }],
};

const databases = canaryTestDatabases();

describe.each(databases.eachSupportedId())(
  'RolloutHistoryStore against a real %s database, migrated',
  databaseId => {
    async function store() {
      const knex = await databases.init(databaseId);
      return RolloutHistoryStore.create(mockServices.database({ knex }));
    }

    it('given a rollout started, approved and promoted, lists it with its result, weight and the approval', async () => {
      const history = await store();
      await history.recordStart({
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00.000Z',
        images,
      });
      await history.recordAction({
        canary: podinfo,
        action: 'approve',
        user: 'user:default/ada',
        message: 'confirm-promotion gate ship approved by user:default/ada',
        at: '2026-11-22T12:03:00.000Z',
      });
      const end = {
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00.000Z',
        endedAt: '2026-11-22T12:05:00.000Z',
        result: 'Succeeded' as const,
        weightReached: 100,
        images,
      };
      await history.recordEnd(end);
      // The engine sees the same terminal status again (a restart, another lease holder).
      await history.recordEnd({
        ...end,
        endedAt: '2026-11-22T12:09:00.000Z',
        result: 'Failed',
        weightReached: 0,
        reason: 'seen twice',
      });

      const page = await history.list({
        canaries: [podinfo],
        limit: 10,
        offset: 0,
      });
      expect(page.totalCount).toBe(1);
      expect(page.items).toEqual([
        {
          id: expect.any(Number),
          ...podinfo,
          revision: 'rev-b',
          images,
          startedAt: '2026-11-22T12:00:00.000Z',
          endedAt: '2026-11-22T12:05:00.000Z',
          result: 'Succeeded',
          weightReached: 100,
          actions: [
            {
              action: 'approve',
              user: 'user:default/ada',
              at: '2026-11-22T12:03:00.000Z',
              message:
                'confirm-promotion gate ship approved by user:default/ada',
            },
          ],
        },
      ]);
      expect(await history.getById(page.items[0].id)).toEqual(page.items[0]);
      expect(await history.getById(page.items[0].id + 1000)).toBeUndefined();
    });

    it('given the same start twice, records one rollout; a new revision mid-analysis closes the one it supersedes', async () => {
      const history = await store();
      const start = {
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00.000Z',
        images,
      };
      await history.recordStart(start);
      await history.recordStart(start);
      await history.recordStart({
        ...start,
        revision: 'rev-c',
        startedAt: '2026-11-22T12:02:00.000Z',
      });
      const { items, totalCount } = await history.list({
        canaries: [podinfo],
        limit: 10,
        offset: 0,
      });
      expect(totalCount).toBe(2);
      expect(
        items.map(({ revision, result, endedAt, reason }) => ({
          revision,
          result,
          endedAt,
          reason,
        })),
      ).toEqual([
        {
          revision: 'rev-c',
          result: 'Progressing',
          endedAt: undefined,
          reason: undefined,
        },
        {
          revision: 'rev-b',
          result: 'Failed',
          endedAt: '2026-11-22T12:02:00.000Z',
          reason: 'Superseded by revision rev-c before it finished',
        },
      ]);
    });

    it('given an action while no rollout is under way (a retry), attaches it to the rollout it leads to', async () => {
      const history = await store();
      await history.recordEnd({
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00.000Z',
        endedAt: '2026-11-22T12:01:00.000Z',
        result: 'Failed',
        weightReached: 40,
        reason: 'Aborted by user:default/ada',
        images,
      });
      const retry = {
        canary: podinfo,
        action: 'retry',
        user: 'user:default/ada',
        message: 'Retry requested by user:default/ada',
        at: '2026-11-22T12:02:00.000Z',
      };
      await history.recordAction(retry);
      await history.recordAction(retry);
      await history.recordStart({
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:02:10.000Z',
        images,
      });
      const { items } = await history.list({
        canaries: [podinfo],
        limit: 10,
        offset: 0,
      });
      expect(items.map(i => [i.result, i.weightReached, i.actions])).toEqual([
        [
          'Progressing',
          0,
          [
            {
              action: 'retry',
              user: 'user:default/ada',
              at: '2026-11-22T12:02:00.000Z',
              message: 'Retry requested by user:default/ada',
            },
          ],
        ],
        ['Failed', 40, []],
      ]);
    });

    it('pages newest first over the given Canaries only', async () => {
      const history = await store();
      for (let minute = 0; minute < 5; minute++) {
        await history.recordEnd({
          canary: podinfo,
          target: 'podinfo',
          revision: `rev-${minute}`,
          startedAt: `2026-11-22T12:0${minute}:00.000Z`,
          endedAt: `2026-11-22T12:0${minute}:30.000Z`,
          result: 'Succeeded',
          weightReached: 100,
          images,
        });
      }
      await history.recordStart({
        canary: { ...podinfo, name: 'other' },
        target: 'other',
        revision: 'rev-x',
        startedAt: '2026-11-22T13:00:00.000Z',
        images,
      });
      const page = await history.list({
        canaries: [podinfo],
        limit: 2,
        offset: 1,
      });
      expect(page.totalCount).toBe(5);
      expect(page.items.map(i => i.revision)).toEqual(['rev-3', 'rev-2']);
      expect(
        await history.list({ canaries: [], limit: 10, offset: 0 }),
      ).toEqual({
        items: [],
        totalCount: 0,
      });
    });

    it('given a rollout under way, keeps the highest weight it reached so far, never lowering it, and leaves the end to say the last word', async () => {
      const history = await store();
      const start = {
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00.000Z',
        images,
      };
      await history.recordStart(start);
      const progress = (weightReached: number) =>
        history.recordProgress({
          canary: podinfo,
          revision: 'rev-b',
          startedAt: start.startedAt,
          weightReached,
        });
      const reached = async () =>
        (await history.list({ canaries: [podinfo], limit: 10, offset: 0 }))
          .items[0];
      await progress(40);
      await progress(20);
      expect(await reached()).toMatchObject({
        result: 'Progressing',
        weightReached: 40,
      });
      await progress(100);
      expect((await reached()).weightReached).toBe(100);
      await history.recordEnd({
        ...start,
        endedAt: '2026-11-22T12:05:00.000Z',
        result: 'Succeeded',
        weightReached: 100,
      });
      // An ended rollout is not moved on by a late progress report.
      await history.recordProgress({
        canary: podinfo,
        revision: 'rev-b',
        startedAt: start.startedAt,
        weightReached: 10,
      });
      expect(await reached()).toMatchObject({
        result: 'Succeeded',
        weightReached: 100,
      });
    });

    it("keeps actions on another controller's rollout apart: not attached to a Vane Canary of the same name, listed by controller", async () => {
      const history = await store();
      await history.recordStart({
        canary: podinfo,
        target: 'podinfo',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00.000Z',
        images,
      });
      const onFlagger = {
        canary: podinfo,
        controller: 'flagger' as const,
        action: 'pause',
        user: 'user:default/ada',
        message: 'Suspended by user:default/ada',
        at: '2026-11-22T12:01:00.000Z',
      };
      await history.recordAction(onFlagger);
      await history.recordAction(onFlagger);
      await history.recordAction({
        ...onFlagger,
        controller: 'argo-rollouts',
        canary: { ...podinfo, name: 'ratings' },
        action: 'promote',
        message: 'Promoted by user:default/ada',
        at: '2026-11-22T12:02:00.000Z',
      });
      await history.recordAction({
        canary: podinfo,
        action: 'pause',
        user: 'user:default/ada',
        message: 'Paused by user:default/ada',
        at: '2026-11-22T12:01:00.000Z',
      });

      const page = await history.list({
        canaries: [podinfo],
        limit: 10,
        offset: 0,
      });
      expect(page.items[0].actions.map(a => a.message)).toEqual([
        'Paused by user:default/ada',
      ]);
      expect(
        await history.listControllerActions({
          rollouts: [
            { ...podinfo, controller: 'flagger' },
            { ...podinfo, name: 'ratings', controller: 'argo-rollouts' },
            { ...podinfo, controller: 'vane' },
          ],
          limit: 10,
        }),
      ).toEqual([
        {
          ...podinfo,
          name: 'ratings',
          controller: 'argo-rollouts',
          action: 'promote',
          user: 'user:default/ada',
          at: '2026-11-22T12:02:00.000Z',
          message: 'Promoted by user:default/ada',
        },
        {
          ...podinfo,
          controller: 'flagger',
          action: 'pause',
          user: 'user:default/ada',
          at: '2026-11-22T12:01:00.000Z',
          message: 'Suspended by user:default/ada',
        },
      ]);
    });

    it('upgrades a database written before rows named their Deployment: old rows stay, found by Canary only; new rows are found by Deployment too', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@vane/plugin-canary-backend',
        'migrations',
      );
      await knex.migrate.up({
        directory,
        name: '20261122120000_rollout_history.js',
      });
      await knex('canary_rollouts').insert({
        ...podinfo,
        revision: 'rev-old',
        started_at: '2026-11-21T12:00:00.000Z',
        ended_at: '2026-11-21T12:05:00.000Z',
        result: 'Succeeded',
        weight_reached: 100,
        images: JSON.stringify(images),
      });

      const history = await RolloutHistoryStore.create(
        mockServices.database({ knex }),
      );
      await history.recordStart({
        canary: { ...podinfo, name: 'podinfo-v2' },
        target: 'podinfo',
        revision: 'rev-new',
        startedAt: '2026-11-22T12:00:00.000Z',
        images,
      });
      const revisions = async (query: {
        canaries: (typeof podinfo)[];
        targets: (typeof podinfo)[];
      }) =>
        (await history.list({ ...query, limit: 10, offset: 0 })).items.map(
          item => item.revision,
        );
      expect(await revisions({ canaries: [podinfo], targets: [] })).toEqual([
        'rev-old',
      ]);
      expect(await revisions({ canaries: [], targets: [podinfo] })).toEqual([
        'rev-new',
      ]);
      expect(
        await revisions({ canaries: [podinfo], targets: [podinfo] }),
      ).toEqual(['rev-new', 'rev-old']);

      // Down past the later migration (the actions' controller) to the one that added the target.
      await knex.migrate.down({ directory });
      expect(
        await knex.schema.hasColumn('canary_rollout_actions', 'controller'),
      ).toBe(false);
      await knex.migrate.down({ directory });
      expect(await knex.schema.hasColumn('canary_rollouts', 'target')).toBe(
        false,
      );
      // pg returns a count as a string (a bigint), SQLite as a number.
      const [{ count }] = await knex('canary_rollouts').count({ count: '*' });
      expect(Number(count)).toBe(2);
    });
  },
);
