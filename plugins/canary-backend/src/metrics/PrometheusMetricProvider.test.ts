import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusMetricProvider } from './PrometheusMetricProvider';

interface Answer {
  status?: number;
  body: string;
}

/** A Prometheus stand-in on 127.0.0.1 that answers each query as told, like the real HTTP API. */
class FakePrometheus {
  readonly requests: Array<{
    path: string;
    query: string | null;
    authorization?: string;
    range?: { start: string | null; end: string | null; step: string | null };
  }> = [];
  readonly answers = new Map<string, Answer>();
  /** When set, requests are accepted but never answered. */
  silent = false;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = url.searchParams.get('query');
      this.requests.push({
        path: url.pathname,
        query,
        authorization: req.headers.authorization,
        ...(url.searchParams.has('step')
          ? {
              range: {
                start: url.searchParams.get('start'),
                end: url.searchParams.get('end'),
                step: url.searchParams.get('step'),
              },
            }
          : {}),
      });
      if (this.silent) return;
      const answer = this.answers.get(query ?? '') ?? {
        status: 400,
        body: JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: `1:1: parse error: unexpected input in ${JSON.stringify(
            query,
          )}`,
        }),
      };
      res.writeHead(answer.status ?? 200, {
        'content-type': 'application/json',
      });
      res.end(answer.body);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  vector(query: string, ...values: string[]) {
    this.answers.set(query, {
      body: JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result: values.map((value, i) => ({
            metric: { pod: `p${i}` },
            value: [1700000000.123, value],
          })),
        },
      }),
    });
  }

  /** A range query's answer: one series per entry, its labels and [time, "value"] points. */
  matrix(
    query: string,
    ...series: Array<{ metric: Record<string, string>; values: unknown[] }>
  ) {
    this.answers.set(query, {
      body: JSON.stringify({
        status: 'success',
        data: { resultType: 'matrix', result: series },
      }),
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>(resolve => this.server?.close(() => resolve()));
  }
}

const SUCCESS_RATE =
  'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo",response_code!~"5.*"}[1m])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"podinfo"}[1m])) * 100';

describe('PrometheusMetricProvider', () => {
  let prometheus: FakePrometheus;
  let url: string;

  beforeEach(async () => {
    prometheus = new FakePrometheus();
    url = await prometheus.start();
  });
  afterEach(() => prometheus.stop());

  it('given one series, returns its value and sends the query to /api/v1/query', async () => {
    prometheus.vector(SUCCESS_RATE, '91.8');
    const provider = new PrometheusMetricProvider({
      url: `${url}/`,
      headers: { authorization: 'Bearer t0ken' },
    });

    expect(await provider.query(SUCCESS_RATE)).toBe(91.8);
    expect(prometheus.requests).toEqual([
      {
        path: '/api/v1/query',
        query: SUCCESS_RATE,
        authorization: 'Bearer t0ken',
      },
    ]);
  });

  it('given a query written over several lines, sends it on one line', async () => {
    prometheus.vector('sum( rate(x[1m]) ) * 100', '50');
    const provider = new PrometheusMetricProvider({ url });
    expect(await provider.query('sum(\n  rate(x[1m])\n)\n* 100\n')).toBe(50);
  });

  it('given a scalar result, returns it', async () => {
    prometheus.answers.set('scalar(1)', {
      body: JSON.stringify({
        status: 'success',
        data: { resultType: 'scalar', result: [1700000000, '1'] },
      }),
    });
    expect(await new PrometheusMetricProvider({ url }).query('scalar(1)')).toBe(
      1,
    );
  });

  it('given no series (no traffic yet), returns no data asking about traffic', async () => {
    prometheus.vector(SUCCESS_RATE);
    expect(
      await new PrometheusMetricProvider({ url }).query(SUCCESS_RATE),
    ).toEqual({
      noData: true,
      reason: 'no data: the query returned no series; is there traffic?',
    });
  });

  it('given NaN (0 requests divided by 0), returns no data, never a number', async () => {
    prometheus.vector(SUCCESS_RATE, 'NaN');
    expect(
      await new PrometheusMetricProvider({ url }).query(SUCCESS_RATE),
    ).toEqual({
      noData: true,
      reason: 'no data: the value is NaN (no requests in the interval)',
    });
  });

  it('given +Inf (a p99 beyond the last bucket), returns no data with the reason', async () => {
    prometheus.vector('p99', '+Inf');
    expect(await new PrometheusMetricProvider({ url }).query('p99')).toEqual({
      noData: true,
      reason:
        'no data: the value is +Inf (a quantile beyond the highest histogram bucket, or a division by zero)',
    });
  });

  it('given several series, asks for an aggregation instead of picking one', async () => {
    prometheus.vector('up', '1', '0', '1');
    expect(await new PrometheusMetricProvider({ url }).query('up')).toEqual({
      noData: true,
      reason:
        'no data: the query returned 3 series, expected one; aggregate it (sum, avg, max, ...)',
    });
  });

  it('given an invalid query, returns Prometheus own error', async () => {
    expect(await new PrometheusMetricProvider({ url }).query('sum(')).toEqual({
      noData: true,
      reason: `no data: Prometheus at ${url} rejected the query (bad_data): 1:1: parse error: unexpected input in "sum("`,
    });
  });

  it('given an HTTP 503 from a proxy in front of Prometheus, reports it unreachable with the status', async () => {
    prometheus.answers.set('up', {
      status: 503,
      body: 'upstream connect error',
    });
    expect(await new PrometheusMetricProvider({ url }).query('up')).toEqual({
      noData: true,
      reason: `no data: Prometheus at ${url} is unreachable: HTTP 503 Service Unavailable: upstream connect error`,
    });
  });

  it('given nothing listening, reports it unreachable with the connection error', async () => {
    await prometheus.stop();
    expect(await new PrometheusMetricProvider({ url }).query('up')).toEqual({
      noData: true,
      reason: `no data: Prometheus at ${url} is unreachable: ECONNREFUSED connect ECONNREFUSED ${url.replace(
        'http://',
        '',
      )}`,
    });
  });

  it('given a Prometheus that never answers, gives up after the timeout', async () => {
    prometheus.silent = true;
    const provider = new PrometheusMetricProvider({ url, timeoutMs: 200 });
    expect(await provider.query('up')).toEqual({
      noData: true,
      reason: `no data: Prometheus at ${url} is unreachable: no answer within 200 ms`,
    });
  });

  it('isOnline is true when vector(1) answers 1, false when Prometheus is down', async () => {
    prometheus.vector('vector(1)', '1');
    const provider = new PrometheusMetricProvider({ url });
    expect(await provider.isOnline()).toBe(true);
    await prometheus.stop();
    expect(await provider.isOnline()).toBe(false);
  });

  describe('queryVector (per-workload health)', () => {
    it('returns every series with its labels, leaving out NaN samples', async () => {
      prometheus.answers.set('sum by (w) (rate(x[5m]))', {
        body: JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [
              { metric: { w: 'podinfo' }, value: [1700000000, '20.5'] },
              { metric: { w: 'podinfo-primary' }, value: [1700000000, 'NaN'] },
              { metric: { w: 'other' }, value: [1700000000, '+Inf'] },
            ],
          },
        }),
      });
      expect(
        await new PrometheusMetricProvider({ url }).queryVector(
          'sum by (w) (rate(x[5m]))',
        ),
      ).toEqual([{ labels: { w: 'podinfo' }, value: 20.5 }]);
    });

    it('given no series (no traffic), returns an empty list, not an error', async () => {
      prometheus.vector('sum by (w) (rate(x[5m]))');
      expect(
        await new PrometheusMetricProvider({ url }).queryVector(
          'sum by (w) (rate(x[5m]))',
        ),
      ).toEqual([]);
    });

    it('given Prometheus down, returns no data saying so', async () => {
      await prometheus.stop();
      const result = await new PrometheusMetricProvider({ url }).queryVector(
        'up',
      );
      expect(result).toEqual({
        noData: true,
        reason: expect.stringMatching(
          /^no data: Prometheus at .* is unreachable: ECONNREFUSED/,
        ),
      });
    });
  });

  describe('queryRange (charts and sparklines)', () => {
    it('sends start, end and step to /api/v1/query_range and returns the points as numbers, gaps left out', async () => {
      prometheus.matrix('sum(rate(x[15s]))', {
        metric: {},
        values: [
          [1700000000, '99.5'],
          [1700000010, 'NaN'],
          [1700000020, '97'],
        ],
      });
      const result = await new PrometheusMetricProvider({ url }).queryRange(
        'sum(rate(x[15s]))',
        {
          start: new Date(1700000000_000),
          end: new Date(1700000020_500),
          stepSeconds: 10,
        },
      );
      expect(result).toEqual([
        {
          labels: {},
          values: [
            [1700000000, 99.5],
            [1700000020, 97],
          ],
        },
      ]);
      expect(prometheus.requests).toEqual([
        {
          path: '/api/v1/query_range',
          query: 'sum(rate(x[15s]))',
          range: { start: '1700000000.000', end: '1700000020.500', step: '10' },
        },
      ]);
    });

    it('given an instant vector where a matrix was expected, says so', async () => {
      prometheus.vector('up', '1');
      expect(
        await new PrometheusMetricProvider({ url }).queryRange('up', {
          start: new Date(0),
          end: new Date(1000),
          stepSeconds: 1,
        }),
      ).toEqual({
        noData: true,
        reason:
          'no data: the range query returned a vector, expected a range vector (matrix)',
      });
    });

    it("given a rejected query, returns Prometheus's error", async () => {
      expect(
        await new PrometheusMetricProvider({ url }).queryRange('sum(', {
          start: new Date(0),
          end: new Date(1000),
          stepSeconds: 1,
        }),
      ).toEqual({
        noData: true,
        reason: `no data: Prometheus at ${url} rejected the query (bad_data): 1:1: parse error: unexpected input in "sum("`,
      });
    });
  });
});
