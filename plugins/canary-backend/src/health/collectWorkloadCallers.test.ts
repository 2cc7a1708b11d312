import type { NoData } from '@vane/plugin-canary-node';
import { builtinMetricsFlavour } from '../testing/builtinMetricsFlavour';
import { buildMeshHealthQueries } from './buildMeshHealthQueries';
import {
  type CallerAnswers,
  collectWorkloadCallers,
} from './collectWorkloadCallers';

const queries = (metricsFlavour = 'istio') =>
  buildMeshHealthQueries({
    metrics: builtinMetricsFlavour(metricsFlavour),
    namespace: 'test',
    workloads: ['podinfo-primary', 'podinfo'],
    window: '5m',
    seriesRate: '60s',
  }).callers;

/** An Istio answer: one series per called workload and caller. */
const sample = (
  destination: string,
  source: string,
  namespace: string,
  value: number,
) => ({
  labels: {
    destination_workload: destination,
    source_workload: source,
    source_workload_namespace: namespace,
  },
  value,
});

const noData: NoData = {
  noData: true,
  reason: 'no data: Prometheus at http://127.0.0.1:9 is unreachable',
};

const isGateway = (caller: { workload: string; namespace: string }) =>
  caller.namespace === 'istio-system';

function collect(
  answers: CallerAnswers | undefined,
  options: { workloadRequestsPerSecond?: number; limit?: number } = {},
) {
  return collectWorkloadCallers({
    workload: 'podinfo-primary',
    queries: queries(),
    answers,
    window: '5m',
    isGateway,
    ...options,
  });
}

describe('collectWorkloadCallers', () => {
  it("given podinfo-primary called by the ingress gateway and the mesh's load, lists both busiest first, the gateway marked, with rate, success and p99", () => {
    const callers = collect(
      {
        requestsPerSecond: [
          sample('podinfo-primary', 'mesh-lab-load', 'test', 5),
          sample('podinfo-primary', 'istio-ingressgateway', 'istio-system', 20),
          // Another workload's caller: not podinfo-primary's.
          sample('podinfo', 'flagger-loadtester', 'test', 3),
        ],
        errors5xxPerSecond: [
          sample('podinfo-primary', 'istio-ingressgateway', 'istio-system', 1),
        ],
        p99: [
          sample('podinfo-primary', 'istio-ingressgateway', 'istio-system', 48),
          sample('podinfo-primary', 'mesh-lab-load', 'test', 25),
        ],
      },
      { workloadRequestsPerSecond: 25 },
    );
    expect(callers).toEqual({
      status: 'measured',
      telemetry: 'istio',
      items: [
        {
          workload: 'istio-ingressgateway',
          namespace: 'istio-system',
          kind: 'gateway',
          requestsPerSecond: 20,
          successRate: 95,
          latency: { p99: 48 },
        },
        {
          workload: 'mesh-lab-load',
          namespace: 'test',
          kind: 'workload',
          requestsPerSecond: 5,
          successRate: 100,
          latency: { p99: 25 },
        },
      ],
      limit: 10,
      leftOut: 0,
    });
  });

  it('marks a client Istio could not identify (outside the mesh) as unknown, and leaves out p99 that did not answer', () => {
    const callers = collect({
      requestsPerSecond: [sample('podinfo-primary', 'unknown', 'unknown', 2)],
      errors5xxPerSecond: [],
      p99: noData,
    });
    expect(callers.items).toEqual([
      {
        workload: 'unknown',
        namespace: 'unknown',
        kind: 'unknown',
        requestsPerSecond: 2,
        successRate: 100,
        latency: {},
      },
    ]);
  });

  it('given 12 callers and a limit of 10, lists the 10 busiest and says 2 were left out', () => {
    const requestsPerSecond = Array.from({ length: 12 }, (_, i) =>
      sample('podinfo-primary', `client-${i}`, 'test', i + 1),
    );
    const callers = collect({
      requestsPerSecond,
      errors5xxPerSecond: [],
      p99: [],
    });
    expect(callers.items.map(c => c.workload)).toEqual(
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map(n => `client-${n - 1}`),
    );
    expect(callers.leftOut).toBe(2);
    expect(callers.limit).toBe(10);
  });

  it('given no request in the window, lists no caller and says why; a series at rate 0 is no caller', () => {
    const callers = collect(
      {
        requestsPerSecond: [
          sample('podinfo-primary', 'mesh-lab-load', 'test', 0),
        ],
        errors5xxPerSecond: [],
        p99: [],
      },
      { workloadRequestsPerSecond: 0 },
    );
    expect(callers).toEqual({
      status: 'measured',
      telemetry: 'istio',
      items: [],
      limit: 10,
      leftOut: 0,
      reason: 'no requests in 5m, so no callers',
    });
  });

  it('given a workload that served requests none of whose callers the telemetry names, says so instead of "no callers"', () => {
    const callers = collect(
      { requestsPerSecond: [], errors5xxPerSecond: [], p99: [] },
      { workloadRequestsPerSecond: 3.2 },
    );
    expect(callers.items).toEqual([]);
    expect(callers.reason).toBe(
      'istio reported no caller in 5m, though the workload served 3.20 requests/s: is it in the mesh?',
    );
  });

  it.each([
    [
      'request rate',
      { requestsPerSecond: noData, errors5xxPerSecond: [], p99: [] },
    ],
    [
      '5xx rate',
      {
        requestsPerSecond: [
          sample('podinfo-primary', 'mesh-lab-load', 'test', 5),
        ],
        errors5xxPerSecond: noData,
        p99: [],
      },
    ],
  ])(
    'given no answer to the %s query, lists no caller (never a guessed 100%%) and says why',
    (_, answers) => {
      expect(collect(answers)).toEqual({
        status: 'unavailable',
        items: [],
        limit: 10,
        leftOut: 0,
        reason:
          'callers unknown: no data: Prometheus at http://127.0.0.1:9 is unreachable',
      });
    },
  );

  it('for Linkerd, says the callers are not available, whatever Prometheus answered', () => {
    expect(
      collectWorkloadCallers({
        workload: 'podinfo-primary',
        queries: queries('linkerd'),
        answers: undefined,
        window: '5m',
        isGateway,
      }),
    ).toEqual({
      status: 'unavailable',
      items: [],
      limit: 10,
      leftOut: 0,
      reason:
        "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload (at most the client's TLS identity)",
    });
  });
});
