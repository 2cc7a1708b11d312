import { selectorMatchesLabels } from './selectorMatchesLabels';

describe('selectorMatchesLabels', () => {
  const ingress = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

  it('selects a workload carrying every selector label', () => {
    expect(selectorMatchesLabels({ istio: 'ingressgateway' }, ingress)).toBe(true);
  });

  it('does not select one missing a label or with another value', () => {
    expect(selectorMatchesLabels({ istio: 'ingressgateway', 'gateway-name': 'test-imgw' }, ingress)).toBe(false);
    expect(selectorMatchesLabels({ istio: 'egressgateway' }, ingress)).toBe(false);
  });

  it('an empty selector selects every gateway workload', () => {
    expect(selectorMatchesLabels({}, ingress)).toBe(true);
    expect(selectorMatchesLabels(undefined, ingress)).toBe(true);
  });
});
