import { inputFieldFor } from './inputFieldFor';

describe('inputFieldFor', () => {
  const sources = {
    metricInputs: ['successRateMin', 'latencyMaxMs', 'customMetric'],
    webhookInputs: ['manualGates', 'loadTestUrl'],
  };

  it.each([
    ['spec.analysis.stepWeights[2]', 'stepWeights'],
    ['spec.analysis.stepWeight', 'stepWeight'],
    ['spec.analysis.metrics[1].thresholdRange', 'latencyMaxMs'],
    ['spec.analysis.webhooks[1].url', 'loadTestUrl'],
    ['spec.service.port', 'port'],
    ['metadata.name', 'name'],
    ['spec.skipAnalysis', 'spec.skipAnalysis'],
  ])('maps %s to the input %s', (field, input) => {
    expect(inputFieldFor(field, sources)).toBe(input);
  });
});
