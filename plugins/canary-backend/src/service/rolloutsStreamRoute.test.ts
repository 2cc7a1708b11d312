import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { openEventStream } from './__testUtils__/openEventStream';
import { canaryObject, componentEntity } from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/stream: the release overview live, fed by the memory caches' onChange.
describe('GET /stream', () => {
  const entities = [
    componentEntity('podinfo', 'group:default/team-a', {
      'vane.dev/canary': 'test/podinfo',
    }),
    componentEntity('backend', 'group:default/team-b', {
      'vane.dev/canary': 'test/backend',
    }),
  ];
  const rows = (data: any) =>
    data.items.map((i: any) => `${i.name} ${i.status.phase}`);

  it("sends a team's rollouts at once, then their changes, and nothing for another team's", async () => {
    const east = new InMemoryCluster('east').apply(
      canaryObject('test', 'podinfo', {
        phase: 'Progressing',
        canaryWeight: 20,
      }),
      canaryObject('test', 'backend', { phase: 'Progressing' }),
    );
    const backend = await startRolloutApi({ clusters: [east], entities });
    const stream = await openEventStream(
      backend.server,
      '/api/canary/stream?owner=group:default/team-a',
    );
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe(
        'text/event-stream; charset=utf-8',
      );
      const first = await stream.next('the team rollouts at connection');
      expect(first.event).toBe('rollouts');
      expect(rows(first.data)).toEqual(['podinfo Progressing']);
      expect(first.data).toMatchObject({ totalCount: 1, errors: [] });

      // team-b's Canary moves: team-a's answer is unchanged, so nothing is sent.
      east.apply(canaryObject('test', 'backend', { phase: 'Failed' }));
      await new Promise(resolve => setTimeout(resolve, 600));
      expect(stream.pending()).toBe(0);

      east.apply(canaryObject('test', 'podinfo', { phase: 'Succeeded' }));
      const changed = await stream.next('podinfo Succeeded', 2000);
      expect(rows(changed.data)).toEqual(['podinfo Succeeded']);
    } finally {
      stream.close();
      await backend.stop();
    }
  });

  it('filters by phase like GET /rollouts', async () => {
    const east = new InMemoryCluster('east').apply(
      canaryObject('test', 'podinfo', { phase: 'Progressing' }),
      canaryObject('test', 'backend', { phase: 'Failed' }),
    );
    const backend = await startRolloutApi({ clusters: [east], entities });
    const stream = await openEventStream(
      backend.server,
      '/api/canary/stream?phase=failed',
    );
    try {
      expect(rows((await stream.next('the failed rollouts')).data)).toEqual([
        'backend Failed',
      ]);
    } finally {
      stream.close();
      await backend.stop();
    }
  });

  it('refuses a bad query with a 400 before opening the stream', async () => {
    const backend = await startRolloutApi({
      clusters: [new InMemoryCluster('east')],
      entities,
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/stream?phase=Sleeping',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^phase "Sleeping" is not a Canary phase; use one of /,
      );
    } finally {
      await backend.stop();
    }
  });
});
