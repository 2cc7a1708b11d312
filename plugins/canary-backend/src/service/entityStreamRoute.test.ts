import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { openEventStream } from './__testUtils__/openEventStream';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/entities/:kind/:namespace/:name/stream, fed by the memory caches' onChange.
describe('GET /entities/:kind/:namespace/:name/stream', () => {
  const podinfo = componentEntity('podinfo', 'group:default/team-a', {
    'vane.dev/canary': 'test/podinfo',
  });

  it('sends the rollouts at once, then a phase change, and nothing for changes that do not touch them', async () => {
    const east = new InMemoryCluster('east').apply(
      canaryObject('test', 'podinfo', {
        phase: 'Progressing',
        canaryWeight: 60,
      }),
      deploymentObject('test', 'podinfo', 'podinfo:6.1.0'),
      canaryObject('test', 'other', { phase: 'Progressing' }),
    );
    const backend = await startRolloutApi({
      clusters: [east],
      entities: [podinfo],
    });
    const stream = await openEventStream(
      backend.server,
      '/api/canary/entities/component/default/podinfo/stream',
    );
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe(
        'text/event-stream; charset=utf-8',
      );
      const first = await stream.next('the rollouts at connection');
      expect(first.event).toBe('rollouts');
      expect(first.data.entityRef).toBe('component:default/podinfo');
      expect(
        first.data.items.map((i: any) => [
          i.name,
          i.status.phase,
          i.status.canaryWeight,
        ]),
      ).toEqual([['podinfo', 'Progressing', 60]]);

      // Another team's Canary moves: the entity's rollouts are unchanged, so nothing is sent.
      east.apply(canaryObject('test', 'other', { phase: 'Succeeded' }));
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(stream.pending()).toBe(0);

      // Three updates within the debounce window arrive as one event with the last state.
      east.apply(
        canaryObject('test', 'podinfo', {
          phase: 'Progressing',
          canaryWeight: 80,
        }),
      );
      east.apply(
        canaryObject('test', 'podinfo', {
          phase: 'Promoting',
          canaryWeight: 80,
        }),
      );
      east.apply(
        canaryObject('test', 'podinfo', {
          phase: 'Succeeded',
          canaryWeight: 0,
        }),
      );
      const changed = await stream.next('the phase change to Succeeded', 2000);
      expect(
        changed.data.items.map((i: any) => [
          i.name,
          i.status.phase,
          i.status.canaryWeight,
        ]),
      ).toEqual([['podinfo', 'Succeeded', 0]]);
      await new Promise(resolve => setTimeout(resolve, 400));
      expect(stream.pending()).toBe(0);
    } finally {
      stream.close();
      await backend.stop();
    }
  });

  it('answers 404 and 403 before streaming', async () => {
    const east = new InMemoryCluster('east');
    const allowed = await startRolloutApi({
      clusters: [east],
      entities: [podinfo],
    });
    try {
      const res = await request(allowed.server).get(
        '/api/canary/entities/component/default/nope/stream',
      );
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'No entity component:default/nope in the catalog',
      );
    } finally {
      await allowed.stop();
    }
    const denied = await startRolloutApi({
      clusters: [east],
      entities: [podinfo],
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(denied.server).get(
        '/api/canary/entities/component/default/podinfo/stream',
      );
      expect(res.status).toBe(403);
    } finally {
      await denied.stop();
    }
  });
});
