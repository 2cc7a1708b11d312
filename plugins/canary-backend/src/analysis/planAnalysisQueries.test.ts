import { builtinMetricsFlavour } from '../testing/builtinMetricsFlavour';
import { canaryObject } from '../service/__testUtils__/rolloutObjects';
import { planAnalysisQueries } from './planAnalysisQueries';

const SUCCESS_RATE = (target: string) =>
  `sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"${target}",response_code!~"5.*"}[15s])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="test",destination_workload=~"${target}"}[15s])) * 100`;

function canaryWith(metrics: unknown[]) {
  return canaryObject('test', 'podinfo', {}, { metrics }) as any;
}

describe('planAnalysisQueries', () => {
  it('renders a built-in metric for the canary and the primary workload', () => {
    const plans = planAnalysisQueries({
      canary: canaryWith([
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '15s',
        },
      ]),
      metricsFlavour: builtinMetricsFlavour('istio'),
      templateOf: () => undefined,
    });
    expect(plans).toEqual([
      {
        name: 'request-success-rate',
        thresholdRange: { min: 99 },
        canary: SUCCESS_RATE('podinfo'),
        primary: SUCCESS_RATE('podinfo-primary'),
      },
    ]);
  });

  it('asks no primary series of a built-in keyed on the canary Service (gatewayapi)', () => {
    const [plan] = planAnalysisQueries({
      canary: canaryWith([{ name: 'request-duration', interval: '1m' }]),
      metricsFlavour: builtinMetricsFlavour('gatewayapi'),
      templateOf: () => undefined,
    });
    expect(plan.canary).toContain('test_podinfo-canary_');
    expect(plan.primary).toBeUndefined();
  });

  it("renders a MetricTemplate with the Canary's variables, and its own Prometheus address", () => {
    const templateOf = jest.fn().mockReturnValue({
      spec: {
        provider: { type: 'prometheus', address: 'http://127.0.0.1:9999' },
        query:
          'sum(rate(errors{namespace="{{ namespace }}",app="{{ target }}",code="{{ variables.code }}"}[{{ interval }}]))',
      },
    });
    const [plan] = planAnalysisQueries({
      canary: canaryWith([
        {
          name: 'errors',
          templateRef: { name: 'error-rate', namespace: 'shared' },
          templateVariables: { code: '503' },
          thresholdRange: { max: 1 },
          interval: '30s',
        },
      ]),
      metricsFlavour: builtinMetricsFlavour('istio'),
      templateOf,
    });
    expect(templateOf).toHaveBeenCalledWith('shared', 'error-rate');
    expect(plan).toEqual({
      name: 'errors',
      thresholdRange: { max: 1 },
      canary:
        'sum(rate(errors{namespace="test",app="podinfo",code="503"}[30s]))',
      address: 'http://127.0.0.1:9999',
    });
  });

  it('says why a metric has no query: a missing template, a hole in the query, no built-in', () => {
    const plans = planAnalysisQueries({
      canary: canaryWith([
        { name: 'latency', templateRef: { name: 'gone' } },
        { name: 'custom', query: 'sum(x{a="{{ variables.a }}"})' },
        { name: 'request-success-rate' },
      ]),
      metricsFlavour: builtinMetricsFlavour('apisix'),
      templateOf: () => undefined,
    });
    expect(plans.map(p => p.error)).toEqual([
      'MetricTemplate test/gone not found; create it or fix analysis.metrics[0].templateRef',
      "analysis.metrics[1].query: {{ variables.a }} has no value; set templateVariables.a on the Canary's metric (set: none)",
      expect.stringMatching(/^Provider apisix has no built-in metrics/),
    ]);
    expect(plans.every(p => p.canary === undefined)).toBe(true);
  });
});
