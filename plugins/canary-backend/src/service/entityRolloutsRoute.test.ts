import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  canaryObject,
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

// GET /api/canary/entities/:kind/:namespace/:name/rollouts, from memory caches and a mock catalog.
describe('GET /entities/:kind/:namespace/:name/rollouts', () => {
  const podinfo = componentEntity('podinfo', 'group:default/team-a', {
    'backstage.io/kubernetes-id': 'podinfo',
  });
  const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
  const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
  const successRate = {
    name: 'request-success-rate',
    value: 99.5,
    thresholdRange: { min: 99 },
    passed: true,
    measuredAt: '2024-05-01T10:02:00Z',
  };

  /** Given podinfo at weight 40 in "test" on cluster east, with one failed check and an event. */
  function eastWithProgressingPodinfo() {
    const east = new InMemoryCluster('east').apply(
      canaryObject('test', 'podinfo', {
        phase: 'Progressing',
        canaryWeight: 40,
        failedChecks: 1,
        iterations: 0,
        lastTransitionTime: '2024-05-01T10:01:00Z',
        conditions: [
          {
            type: 'Promoted',
            status: 'Unknown',
            reason: 'Progressing',
            message: 'New revision detected, progressing canary analysis.',
          },
        ],
        metrics: [successRate],
      }),
      deploymentObject('test', 'podinfo', NEXT, {
        'backstage.io/kubernetes-id': 'podinfo',
      }),
      deploymentObject('test', 'podinfo-primary', GOOD, {
        'backstage.io/kubernetes-id': 'podinfo',
      }),
    );
    east.events.record({
      involvedObject: { kind: 'Canary', namespace: 'test', name: 'podinfo' },
      type: 'Normal',
      reason: 'Synced',
      message: 'Advance podinfo.test canary weight 40',
      lastTimestamp: '2024-05-01T10:02:00Z',
      count: 1,
    });
    return east;
  }

  it('answers every Canary of the entity with spec summary, status, images and events', async () => {
    const backend = await startRolloutApi({
      clusters: [eastWithProgressingPodinfo()],
      entities: [podinfo],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/podinfo/rollouts',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/podinfo',
        errors: [],
        items: [
          {
            cluster: 'east',
            namespace: 'test',
            name: 'podinfo',
            entityRef: 'component:default/podinfo',
            controller: 'vane',
            provider: 'istio',
            spec: {
              valid: true,
              strategy: 'canary',
              targetRef: {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: 'podinfo',
              },
              interval: '30s',
              threshold: 3,
              maxWeight: 80,
              stepWeight: 20,
              steps: [20, 40, 60, 80],
              metrics: [
                {
                  name: 'request-success-rate',
                  interval: '1m',
                  thresholdRange: { min: 99 },
                },
              ],
              skipAnalysis: false,
              suspend: false,
            },
            status: {
              phase: 'Progressing',
              canaryWeight: 40,
              failedChecks: 1,
              iterations: 0,
              conditions: [
                {
                  type: 'Promoted',
                  status: 'Unknown',
                  reason: 'Progressing',
                  message:
                    'New revision detected, progressing canary analysis.',
                },
              ],
              metrics: [successRate],
              lastTransitionTime: '2024-05-01T10:01:00Z',
            },
            images: {
              primary: [{ container: 'podinfod', image: GOOD }],
              canary: [{ container: 'podinfod', image: NEXT }],
            },
            events: [
              {
                type: 'Normal',
                reason: 'Synced',
                message: 'Advance podinfo.test canary weight 40',
                time: '2024-05-01T10:02:00Z',
                count: 1,
              },
            ],
          },
        ],
      });
    } finally {
      await backend.stop();
    }
  });

  it('still answers from the other clusters when one is unreachable, and says which', async () => {
    const down = new InMemoryCluster('west').unreachable(
      'Cluster west at https://127.0.0.1:1 is unreachable: connect ECONNREFUSED',
    );
    const backend = await startRolloutApi({
      clusters: [eastWithProgressingPodinfo(), down],
      entities: [podinfo],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/podinfo/rollouts',
      );
      expect(res.status).toBe(200);
      expect(
        res.body.items.map((i: any) => `${i.cluster}/${i.namespace}/${i.name}`),
      ).toEqual(['east/test/podinfo']);
      expect(res.body.errors).toEqual([
        {
          cluster: 'west',
          message:
            'Cluster west at https://127.0.0.1:1 is unreachable: connect ECONNREFUSED',
        },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('answers an empty list for an entity without linking annotations', async () => {
    const backend = await startRolloutApi({
      clusters: [eastWithProgressingPodinfo()],
      entities: [componentEntity('docs', 'group:default/team-a', {})],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/docs/rollouts',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/docs',
        items: [],
        errors: [],
      });
    } finally {
      await backend.stop();
    }
  });

  it('answers 404 with a message for an entity the catalog does not know', async () => {
    const backend = await startRolloutApi({
      clusters: [eastWithProgressingPodinfo()],
      entities: [podinfo],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/nope/rollouts',
      );
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        name: 'NotFoundError',
        message: 'No entity component:default/nope in the catalog',
      });
    } finally {
      await backend.stop();
    }
  });

  it('answers 403 when canary.rollout.read is denied, without rollouts', async () => {
    const backend = await startRolloutApi({
      clusters: [eastWithProgressingPodinfo()],
      entities: [podinfo],
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/podinfo/rollouts',
      );
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message:
          'You may not read the rollouts of component:default/podinfo (canary.rollout.read)',
      });
      expect(res.body.items).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });
});
