import { podinfoCanary } from '../../routers/testing/podinfoCanary';
import { buildBlueGreenService } from './buildBlueGreenService';

const blueGreen = podinfoCanary({
  analysis: { iterations: 10, stepWeight: undefined, maxWeight: undefined },
});
const selectors = {
  primary: { app: 'podinfo-primary' },
  canary: { app: 'podinfo' },
};

describe('buildBlueGreenService', () => {
  it('given all traffic on primary, selects the primary pods', () => {
    expect(
      buildBlueGreenService(
        blueGreen,
        { primaryWeight: 100, canaryWeight: 0, mirrored: false },
        selectors,
      ),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { selector: { app: 'podinfo-primary' } },
    });
  });

  it('given all traffic on canary, selects the canary pods', () => {
    expect(
      buildBlueGreenService(
        blueGreen,
        { primaryWeight: 0, canaryWeight: 100, mirrored: false },
        selectors,
      ),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { selector: { app: 'podinfo' } },
    });
  });

  it('given a 60/40 split, refuses: a Service selector cannot split traffic', () => {
    expect(() =>
      buildBlueGreenService(
        blueGreen,
        { primaryWeight: 60, canaryWeight: 40, mirrored: false },
        selectors,
      ),
    ).toThrow(
      'Canary test/podinfo: provider kubernetes cannot route 60/40 between primary and canary: it switches the Service podinfo between them, 100/0 or 0/100',
    );
  });

  it('given the canary strategy (stepWeight, no iterations), refuses even at 100/0', () => {
    expect(() =>
      buildBlueGreenService(
        podinfoCanary(),
        { primaryWeight: 100, canaryWeight: 0, mirrored: false },
        selectors,
      ),
    ).toThrow(
      'Canary test/podinfo: analysis.stepWeight is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations); use provider istio, gatewayapi or smi for weight steps',
    );
  });

  it('given A/B matches, refuses', () => {
    const canary = podinfoCanary({
      analysis: {
        iterations: 10,
        stepWeight: undefined,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    });
    expect(() =>
      buildBlueGreenService(
        canary,
        { primaryWeight: 0, canaryWeight: 100, mirrored: false },
        selectors,
      ),
    ).toThrow(
      'Canary test/podinfo: analysis.match is not supported by provider kubernetes: it switches the Service podinfo between primary and canary, all traffic at once (blue/green with analysis.iterations), it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi',
    );
  });
});
