import { renderMetricTemplate } from './renderMetricTemplate';

const model = {
  namespace: 'test',
  name: 'podinfo',
  target: 'podinfo',
  service: 'frontend',
  interval: '30s',
  variables: { direction: 'inbound', quantile: '0.95' },
};

describe('renderMetricTemplate', () => {
  it('given a MetricTemplate with every placeholder, fills them all, with or without spaces', () => {
    expect(
      renderMetricTemplate(
        'histogram_quantile({{ variables.quantile }}, sum(rate(latency_bucket{ns="{{namespace}}",canary="{{ name }}",deployment="{{ target }}",svc="{{ service }}",direction="{{ variables.direction }}"}[{{ interval }}])) by (le))',
        model,
      ),
    ).toBe(
      'histogram_quantile(0.95, sum(rate(latency_bucket{ns="test",canary="podinfo",deployment="podinfo",svc="frontend",direction="inbound"}[30s])) by (le))',
    );
  });

  it('given no service, uses the target, as the apex Service is named after it', () => {
    expect(
      renderMetricTemplate('up{service="{{ service }}"}', {
        namespace: 'test',
        target: 'podinfo',
        interval: '1m',
      }),
    ).toBe('up{service="podinfo"}');
  });

  it("given an ingress (spec.ingressRef of provider nginx), fills {{ ingress }} with it, else with the target's name as Flagger does", () => {
    const query = 'nginx_ingress_controller_requests{ingress="{{ ingress }}"}';
    expect(
      renderMetricTemplate(query, {
        namespace: 'test',
        target: 'podinfo',
        ingress: 'podinfo-public',
        interval: '1m',
      }),
    ).toBe('nginx_ingress_controller_requests{ingress="podinfo-public"}');
    expect(
      renderMetricTemplate(query, {
        namespace: 'test',
        target: 'podinfo',
        interval: '1m',
      }),
    ).toBe('nginx_ingress_controller_requests{ingress="podinfo"}');
  });

  it('given a variable the Canary does not set, names it and where to set it', () => {
    expect(() =>
      renderMetricTemplate(
        'sum(rate(x{region="{{ variables.region }}"}[1m]))',
        model,
        'MetricTemplate test/error-rate',
      ),
    ).toThrow(
      "MetricTemplate test/error-rate: {{ variables.region }} has no value; set templateVariables.region on the Canary's metric (set: direction, quantile)",
    );
  });

  it('given an unknown placeholder, lists the known ones', () => {
    expect(() =>
      renderMetricTemplate(
        'x{pod="{{ pod }}"}',
        model,
        'MetricTemplate test/x',
      ),
    ).toThrow(
      'MetricTemplate test/x: unknown placeholder {{ pod }}; use {{ namespace }}, {{ name }}, {{ target }}, {{ service }}, {{ ingress }}, {{ interval }} or {{ variables.<name> }}',
    );
  });

  it('given an unclosed placeholder, refuses instead of sending it to Prometheus', () => {
    expect(() => renderMetricTemplate('x{ns="{{ namespace"}', model)).toThrow(
      'metric query: unbalanced {{ or }} in the query; placeholders look like {{ namespace }}',
    );
  });
});
