import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { kubernetesRefusals } from './kubernetesRefusals';

const blueGreen = {
  iterations: 10,
  stepWeight: undefined,
  maxWeight: undefined,
};
const NO_ROUTING_OBJECT =
  'provider kubernetes writes no routing object, only the selector of the Service podinfo; remove it, or use provider istio, gatewayapi or smi';

describe('kubernetesRefusals', () => {
  it('refuses nothing of a blue/green Canary (iterations) without a mesh', () => {
    expect(
      kubernetesRefusals(
        podinfoCanary({ provider: 'kubernetes', analysis: blueGreen }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof podinfoCanary>[0], string, string]>([
    [
      'weight steps',
      {},
      'analysis.stepWeight',
      'analysis.stepWeight is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations); use provider istio, gatewayapi or smi for weight steps',
    ],
    [
      'a list of weights',
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          stepWeights: [10, 50],
        },
      },
      'analysis.stepWeights',
      'analysis.stepWeights is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations); use provider istio, gatewayapi or smi for weight steps',
    ],
    [
      'A/B testing',
      {
        analysis: {
          ...blueGreen,
          match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
        },
      },
      'analysis.match',
      'analysis.match is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations), it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi',
    ],
    [
      'mirroring',
      { analysis: { ...blueGreen, mirror: true } },
      'analysis.mirror',
      'analysis.mirror is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations), it cannot mirror traffic; use provider istio or gatewayapi',
    ],
    [
      'session affinity',
      {
        analysis: {
          ...blueGreen,
          sessionAffinity: { cookieName: 'flagger-cookie' },
        },
      },
      'analysis.sessionAffinity',
      'analysis.sessionAffinity is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations), it cannot set cookies nor route by them (sticky sessions); use provider istio or gatewayapi',
    ],
    [
      'a backend timeout',
      { analysis: blueGreen, service: { backendTimeout: '5s' } },
      'service.backendTimeout',
      'service.backendTimeout is not supported by provider kubernetes: provider kubernetes writes no routing object, only the selector of the Service podinfo; remove it, or use provider istio, gatewayapi or smi',
    ],
    [
      'Istio delegation',
      { analysis: blueGreen, service: { delegation: true } },
      'service.delegation',
      'service.delegation is not supported by provider kubernetes: provider kubernetes writes no routing object, only the selector of the Service podinfo; remove it, or use provider istio, gatewayapi or smi',
    ],
    [
      'hosts',
      { analysis: blueGreen, service: { hosts: ['app.example.com'] } },
      'service.hosts',
      `service.hosts is not supported by provider kubernetes: ${NO_ROUTING_OBJECT}`,
    ],
    [
      'Istio gateways',
      { analysis: blueGreen, service: { gateways: ['public-gateway'] } },
      'service.gateways',
      `service.gateways is not supported by provider kubernetes: ${NO_ROUTING_OBJECT}`,
    ],
    [
      'a timeout',
      { analysis: blueGreen, service: { timeout: '5s' } },
      'service.timeout',
      `service.timeout is not supported by provider kubernetes: ${NO_ROUTING_OBJECT}`,
    ],
    [
      'a traffic policy',
      {
        analysis: blueGreen,
        service: { trafficPolicy: { tls: { mode: 'DISABLE' } } },
      },
      'service.trafficPolicy',
      `service.trafficPolicy is not supported by provider kubernetes: ${NO_ROUTING_OBJECT}`,
    ],
    [
      "Argo Rollouts' steps",
      {
        analysis: {
          stepWeight: undefined,
          maxWeight: undefined,
          steps: [{ setWeight: 50 }, { pause: {} }],
        },
      },
      'analysis.steps',
      'analysis.steps is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations); release by iterations, or use provider istio, gatewayapi or smi for steps',
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(kubernetesRefusals(podinfoCanary(overrides))).toEqual([
      { field, message },
    ]);
  });

  it('reads a v1alpha3-style canaryAnalysis as the analysis', () => {
    const canary = podinfoCanary({ analysis: blueGreen });
    const { analysis, ...spec } = canary.spec as any;
    const refusals = kubernetesRefusals({
      ...canary,
      spec: { ...spec, canaryAnalysis: { ...analysis, mirror: true } },
    } as any);
    expect(refusals.map(r => r.field)).toEqual(['analysis.mirror']);
  });
});
