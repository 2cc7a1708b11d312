import { builtinMetricsFlavour } from '../testing/builtinMetricsFlavour';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  KubernetesObjectLike,
  KubernetesObjectReader,
  KubernetesObjectRef,
  MetricProvider,
  MetricQueryResult,
} from '@vane/plugin-canary-node';
import { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { podinfoWithAnalysis } from './testing/podinfoWithAnalysis';
import { runMetricChecks } from './runMetricChecks';

/** A metrics backend that answers each query as told and records what it was asked. */
class AnsweringProvider implements MetricProvider {
  readonly type = 'prometheus';
  readonly queries: string[] = [];
  constructor(private readonly answers: Record<string, MetricQueryResult>) {}
  async query(query: string): Promise<MetricQueryResult> {
    this.queries.push(query);
    return (
      this.answers[query] ?? {
        noData: true,
        reason: `no data: unexpected query ${query}`,
      }
    );
  }
  async isOnline() {
    return true;
  }
}

/** The informer cache of MetricTemplates. */
class TemplateCache implements KubernetesObjectReader {
  readonly reads: KubernetesObjectRef[] = [];
  constructor(private readonly objects: KubernetesObjectLike[] = []) {}
  async get(ref: KubernetesObjectRef) {
    this.reads.push(ref);
    return this.objects.find(
      o =>
        o.apiVersion === ref.apiVersion &&
        o.kind === ref.kind &&
        o.metadata.namespace === ref.namespace &&
        o.metadata.name === ref.name,
    );
  }
}

function metricTemplate(
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): KubernetesObjectLike {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'MetricTemplate',
    metadata: { namespace, name },
    spec,
  };
}

const ISTIO_SUCCESS_RATE =
  'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo",response_code!~"5.*"}[1m])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo"}[1m])) * 100';
const ISTIO_DURATION_30S =
  'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo"}[30s])) by (le))';

// The seed walkthrough's analysis: success rate at least 99% over 1m, p99 at most 500 ms over 30s.
const SEED_METRICS = [
  { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
  { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
];

describe('runMetricChecks', () => {
  it('given the seed walkthrough on Istio, runs both built-in queries and judges them: 99.5% passes, 612 ms fails', async () => {
    const { canary, spec } = podinfoWithAnalysis({ metrics: SEED_METRICS });
    const prometheus = new AnsweringProvider({
      [ISTIO_SUCCESS_RATE]: 99.5,
      [ISTIO_DURATION_30S]: 612,
    });
    const addresses: Array<string | undefined> = [];

    const results = await runMetricChecks({
      canary,
      spec,
      metrics: builtinMetricsFlavour('istio'),
      providerFor: address => {
        addresses.push(address);
        return prometheus;
      },
      templates: new TemplateCache(),
    });

    expect(results).toStrictEqual([
      {
        name: 'request-success-rate',
        value: 99.5,
        thresholdRange: { min: 99 },
        passed: true,
        reason: 'request-success-rate 99.5% >= 99%',
      },
      {
        name: 'request-duration',
        value: 612,
        thresholdRange: { max: 500 },
        passed: false,
        reason: 'request-duration 612ms > 500ms',
      },
    ]);
    expect(prometheus.queries).toStrictEqual([
      ISTIO_SUCCESS_RATE,
      ISTIO_DURATION_30S,
    ]);
    expect(addresses).toStrictEqual([undefined, undefined]);
  });

  it('given no traffic (NaN), fails the check with the reason prefixed by the metric name, and no value', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
    });
    const prometheus = new AnsweringProvider({
      [ISTIO_SUCCESS_RATE]: {
        noData: true,
        reason: 'no data: the value is NaN (no requests in the interval)',
      },
    });

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => prometheus,
        templates: new TemplateCache(),
      }),
    ).toStrictEqual([
      {
        name: 'request-success-rate',
        thresholdRange: { min: 99 },
        passed: false,
        reason:
          'request-success-rate: no data: the value is NaN (no requests in the interval)',
      },
    ]);
  });

  it("given a templateRef without namespace, reads the MetricTemplate from the Canary's namespace and fills its variables", async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        {
          name: 'error-rate',
          templateRef: { name: 'error-rate' },
          templateVariables: { code: '5..' },
          thresholdRange: { max: 1 },
          interval: '2m',
        },
      ],
    });
    const templates = new TemplateCache([
      metricTemplate('test', 'error-rate', {
        provider: { type: 'prometheus' },
        query:
          'sum(rate(http_requests_total{namespace="{{ namespace }}",deployment="{{ target }}",code=~"{{ variables.code }}"}[{{ interval }}]))',
      }),
    ]);
    const query =
      'sum(rate(http_requests_total{namespace="test",deployment="podinfo",code=~"5.."}[2m]))';
    const prometheus = new AnsweringProvider({ [query]: 0.25 });

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => prometheus,
        templates,
      }),
    ).toStrictEqual([
      {
        name: 'error-rate',
        value: 0.25,
        thresholdRange: { max: 1 },
        passed: true,
        reason: 'error-rate 0.25 <= 1',
      },
    ]);
    expect(templates.reads).toStrictEqual([
      {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'MetricTemplate',
        namespace: 'test',
        name: 'error-rate',
      },
    ]);
    expect(prometheus.queries).toStrictEqual([query]);
  });

  it("given a MetricTemplate in another namespace with its own Prometheus address, queries that Prometheus instead of the cluster's", async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        {
          name: 'queue-depth',
          templateRef: { name: 'queue-depth', namespace: 'monitoring' },
          thresholdRange: { max: 100 },
        },
      ],
    });
    const templates = new TemplateCache([
      metricTemplate('monitoring', 'queue-depth', {
        provider: {
          type: 'prometheus',
          address: 'http://thanos.monitoring:9090',
        },
        query: 'max(queue_depth{app="{{ target }}"})',
      }),
    ]);
    const thanos = new AnsweringProvider({
      'max(queue_depth{app="podinfo"})': 140,
    });
    const cluster = new AnsweringProvider({});

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: address =>
          address === 'http://thanos.monitoring:9090' ? thanos : cluster,
        templates,
      }),
    ).toStrictEqual([
      {
        name: 'queue-depth',
        value: 140,
        thresholdRange: { max: 100 },
        passed: false,
        reason: 'queue-depth 140 > 100',
      },
    ]);
    expect(cluster.queries).toStrictEqual([]);
  });

  it('given a templateRef to a MetricTemplate that does not exist, fails the check saying which and where, and queries nothing', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        { name: 'request-success-rate', thresholdRange: { min: 99 } },
        {
          name: 'error-rate',
          templateRef: { name: 'error-rate' },
          thresholdRange: { max: 1 },
        },
      ],
    });
    const prometheus = new AnsweringProvider({ [ISTIO_SUCCESS_RATE]: 100 });

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => prometheus,
        templates: new TemplateCache(),
      }),
    ).toStrictEqual([
      {
        name: 'request-success-rate',
        value: 100,
        thresholdRange: { min: 99 },
        passed: true,
        reason: 'request-success-rate 100% >= 99%',
      },
      {
        name: 'error-rate',
        thresholdRange: { max: 1 },
        passed: false,
        reason:
          'error-rate: MetricTemplate test/error-rate not found; create it or fix analysis.metrics[1].templateRef',
      },
    ]);
    expect(prometheus.queries).toStrictEqual([ISTIO_SUCCESS_RATE]);
  });

  it('given a MetricTemplate whose variable the Canary does not set, fails the check with the render error', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        {
          name: 'error-rate',
          templateRef: { name: 'error-rate' },
          templateVariables: { code: '5..' },
          thresholdRange: { max: 1 },
        },
      ],
    });
    const templates = new TemplateCache([
      metricTemplate('test', 'error-rate', {
        query: 'sum(rate(x{region="{{ variables.region }}"}[1m]))',
      }),
    ]);

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => new AnsweringProvider({}),
        templates,
      }),
    ).toStrictEqual([
      {
        name: 'error-rate',
        thresholdRange: { max: 1 },
        passed: false,
        reason:
          "error-rate: MetricTemplate test/error-rate: {{ variables.region }} has no value; set templateVariables.region on the Canary's metric (set: code)",
      },
    ]);
  });

  it('given a MetricTemplate without a query, fails the check naming the field', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        {
          name: 'error-rate',
          templateRef: { name: 'error-rate' },
          thresholdRange: { max: 1 },
        },
      ],
    });
    const templates = new TemplateCache([
      metricTemplate('test', 'error-rate', { query: '' }),
    ]);

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => new AnsweringProvider({}),
        templates,
      }),
    ).toStrictEqual([
      {
        name: 'error-rate',
        thresholdRange: { max: 1 },
        passed: false,
        reason:
          'error-rate: MetricTemplate test/error-rate is invalid: spec.query must not be empty',
      },
    ]);
  });

  it('given an inline query, fills its placeholders and runs it on the cluster Prometheus', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        {
          name: 'cpu',
          query:
            'avg(rate(container_cpu_usage_seconds_total{namespace="{{ namespace }}",pod=~"{{ target }}-.*"}[{{ interval }}]))',
          thresholdRange: { max: 0.8 },
        },
      ],
    });
    const query =
      'avg(rate(container_cpu_usage_seconds_total{namespace="test",pod=~"podinfo-.*"}[1m]))';
    const prometheus = new AnsweringProvider({ [query]: 0.5 });

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => prometheus,
        templates: new TemplateCache(),
      }),
    ).toStrictEqual([
      {
        name: 'cpu',
        value: 0.5,
        thresholdRange: { max: 0.8 },
        passed: true,
        reason: 'cpu 0.5 <= 0.8',
      },
    ]);
  });

  it('given a mesh without built-in metrics, fails the check pointing to MetricTemplates', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
    });

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('apisix'),
        providerFor: () => new AnsweringProvider({}),
        templates: new TemplateCache(),
      }),
    ).toStrictEqual([
      {
        name: 'request-success-rate',
        thresholdRange: { min: 99 },
        passed: false,
        reason:
          'request-success-rate: Provider apisix has no built-in metrics; give metric request-success-rate a query through a MetricTemplate (templateRef)',
      },
    ]);
  });

  it('given a provider that breaks its promise and rejects, or a cache that rejects, fails the check instead of throwing', async () => {
    const { canary, spec } = podinfoWithAnalysis({
      metrics: [
        { name: 'request-success-rate', thresholdRange: { min: 99 } },
        {
          name: 'error-rate',
          templateRef: { name: 'error-rate' },
          thresholdRange: { max: 1 },
        },
      ],
    });
    const broken: MetricProvider = {
      type: 'prometheus',
      query: async () => {
        throw new Error('socket hang up');
      },
      isOnline: async () => false,
    };

    expect(
      await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: () => broken,
        templates: {
          get: async () => {
            throw new Error('cache for MetricTemplate not synced');
          },
        },
      }),
    ).toStrictEqual([
      {
        name: 'request-success-rate',
        thresholdRange: { min: 99 },
        passed: false,
        reason: 'request-success-rate: could not be measured: socket hang up',
      },
      {
        name: 'error-rate',
        thresholdRange: { max: 1 },
        passed: false,
        reason: 'error-rate: cache for MetricTemplate not synced',
      },
    ]);
  });

  describe('through the real PrometheusMetricProvider', () => {
    const servers: Server[] = [];
    /** A Prometheus HTTP API on 127.0.0.1 that answers /api/v1/query from a table. */
    async function startPrometheus(values: Record<string, string>) {
      const received: string[] = [];
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const query = url.searchParams.get('query') ?? '';
        received.push(`${url.pathname} ${query}`);
        const value = values[query];
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'success',
            data: {
              resultType: 'vector',
              result:
                value === undefined
                  ? []
                  : [{ metric: {}, value: [1772366400, value] }],
            },
          }),
        );
      });
      servers.push(server);
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      const { port } = server.address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}`, received };
    }
    afterEach(async () => {
      await Promise.all(
        servers.splice(0).map(
          server =>
            new Promise<void>(resolve => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    });

    it("given the cluster's Prometheus and a MetricTemplate pointing at another, asks each its own query and judges the answers", async () => {
      const clusterPrometheus = await startPrometheus({
        [ISTIO_SUCCESS_RATE]: '91.8',
      });
      const teamPrometheus = await startPrometheus({
        'max(queue_depth{app="podinfo"})': '12',
      });
      const { canary, spec } = podinfoWithAnalysis({
        metrics: [
          { name: 'request-success-rate', thresholdRange: { min: 99 } },
          {
            name: 'request-duration',
            thresholdRange: { max: 500 },
            interval: '30s',
          },
          {
            name: 'queue-depth',
            templateRef: { name: 'queue-depth' },
            thresholdRange: { max: 100 },
          },
        ],
      });
      const templates = new TemplateCache([
        metricTemplate('test', 'queue-depth', {
          provider: { type: 'prometheus', address: teamPrometheus.url },
          query: 'max(queue_depth{app="{{ target }}"})',
        }),
      ]);

      const results = await runMetricChecks({
        canary,
        spec,
        metrics: builtinMetricsFlavour('istio'),
        providerFor: address =>
          new PrometheusMetricProvider({
            url: address ?? clusterPrometheus.url,
          }),
        templates,
      });

      expect(results).toStrictEqual([
        {
          name: 'request-success-rate',
          value: 91.8,
          thresholdRange: { min: 99 },
          passed: false,
          reason: 'request-success-rate 91.8% < 99%',
        },
        {
          name: 'request-duration',
          thresholdRange: { max: 500 },
          passed: false,
          reason:
            'request-duration: no data: the query returned no series; is there traffic?',
        },
        {
          name: 'queue-depth',
          value: 12,
          thresholdRange: { max: 100 },
          passed: true,
          reason: 'queue-depth 12 <= 100',
        },
      ]);
      expect([...clusterPrometheus.received].sort()).toStrictEqual(
        [
          `/api/v1/query ${ISTIO_SUCCESS_RATE}`,
          `/api/v1/query ${ISTIO_DURATION_30S}`,
        ].sort(),
      );
      expect(teamPrometheus.received).toStrictEqual([
        '/api/v1/query max(queue_depth{app="podinfo"})',
      ]);
    });
  });
});
