import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createServer } from 'node:net';
import request from 'supertest';
import { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import {
  componentEntity,
  deploymentObject,
} from './__testUtils__/rolloutObjects';
import { startRolloutApi } from './__testUtils__/startRolloutApi';

/** A 127.0.0.1 port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

// GET /api/canary/entities/:kind/:namespace/:name/health when measuring is impossible, and its
// 400/403/404 (the lab test measures real traffic).
describe('GET /entities/:kind/:namespace/:name/health', () => {
  const podinfo = componentEntity('podinfo', 'group:default/team-a', {
    'backstage.io/kubernetes-id': 'podinfo',
  });
  const cluster = (apiGroups?: string[]) =>
    new InMemoryCluster('east', apiGroups).apply(
      deploymentObject('test', 'podinfo', 'podinfo:6.0.0', {
        'backstage.io/kubernetes-id': 'podinfo',
      }),
    );

  it('is unknown, never healthy, when Prometheus is unreachable, and says why', async () => {
    const east = cluster();
    const url = `http://127.0.0.1:${await closedPort()}`;
    east.prometheus = new PrometheusMetricProvider({ url });
    const backend = await startRolloutApi({
      clusters: [east],
      entities: [podinfo],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/podinfo/health',
      );
      expect(res.status).toBe(200);
      const reason = `Cluster east: no data: Prometheus at ${url} is unreachable: ECONNREFUSED connect ECONNREFUSED ${url.slice(
        'http://'.length,
      )}`;
      expect(res.body).toEqual({
        entityRef: 'component:default/podinfo',
        window: '5m',
        status: 'unknown',
        thresholds: {
          degraded5xx: 0,
          failing5xx: 10,
          degraded4xx: 10,
          failing4xx: 20,
        },
        items: [
          {
            cluster: 'east',
            namespace: 'test',
            workload: 'podinfo',
            role: 'workload',
            status: 'unknown',
            reason,
            latency: {},
            series: {
              requestsPerSecond: [],
              successRate: [],
              p50: [],
              p99: [],
            },
            // No answer, no caller: never an empty list that would read as "nobody calls".
            callers: {
              status: 'unavailable',
              items: [],
              limit: 10,
              leftOut: 0,
              reason: `callers unknown: ${reason}`,
            },
          },
        ],
        errors: [{ cluster: 'east', message: reason }],
      });
    } finally {
      await backend.stop();
    }
  });

  it('is unknown when the cluster has no Prometheus configured', async () => {
    const backend = await startRolloutApi({
      clusters: [cluster()],
      entities: [podinfo],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/podinfo/health?window=1h',
      );
      expect(res.body.status).toBe('unknown');
      expect(res.body.window).toBe('1h');
      expect(res.body.items[0].reason).toBe(
        "Cluster east has no Prometheus configured (canary.clusters[].prometheus.url); its workloads' health is unknown",
      );
      expect(res.body.items[0].callers).toMatchObject({
        status: 'unavailable',
        items: [],
        reason:
          "callers unknown: Cluster east has no Prometheus configured (canary.clusters[].prometheus.url); its workloads' health is unknown",
      });
    } finally {
      await backend.stop();
    }
  });

  it("says a Linkerd cluster's callers are not available rather than listing none", async () => {
    // The cluster serves SMI only: discovery makes its telemetry Linkerd's.
    const backend = await startRolloutApi({
      clusters: [cluster(['split.smi-spec.io'])],
      entities: [podinfo],
    });
    try {
      const res = await request(backend.server).get(
        '/api/canary/entities/component/default/podinfo/health',
      );
      expect(res.status).toBe(200);
      expect(res.body.items[0].callers).toEqual({
        status: 'unavailable',
        items: [],
        limit: 10,
        leftOut: 0,
        reason:
          "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload (at most the client's TLS identity)",
      });
    } finally {
      await backend.stop();
    }
  });

  it('answers 400 for a bad window, 404 for an unknown entity, 403 without canary.rollout.read', async () => {
    const allowed = await startRolloutApi({
      clusters: [cluster()],
      entities: [podinfo],
    });
    const denied = await startRolloutApi({
      clusters: [cluster()],
      entities: [podinfo],
      permission: AuthorizeResult.DENY,
    });
    try {
      const bad = await request(allowed.server).get(
        '/api/canary/entities/component/default/podinfo/health?window=5m])',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /^window must be a Prometheus duration/,
      );
      const unknown = await request(allowed.server).get(
        '/api/canary/entities/component/default/nope/health',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No entity component:default/nope in the catalog',
      );
      const forbidden = await request(denied.server).get(
        '/api/canary/entities/component/default/podinfo/health',
      );
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.message).toBe(
        'You may not read the mesh health of component:default/podinfo (canary.rollout.read)',
      );
    } finally {
      await allowed.stop();
      await denied.stop();
    }
  });
});
