import { describeArgoStep } from './describeArgoStep';

describe('describeArgoStep', () => {
  it.each<[object, string, object]>([
    [{ setWeight: 20 }, 'setWeight: 20', { kind: 'setWeight', setWeight: 20 }],
    [{ pause: {} }, 'pause', { kind: 'pause' }],
    [
      { pause: { duration: '30s' } },
      'pause: 30s',
      { kind: 'pause', pauseDuration: '30s' },
    ],
    [
      { pause: { duration: 60 } },
      'pause: 60',
      { kind: 'pause', pauseDuration: '60' },
    ],
    [{ analysis: { templates: [] } }, 'analysis', { kind: 'analysis' }],
    [{ experiment: { templates: [] } }, 'experiment', { kind: 'experiment' }],
    [
      { setCanaryScale: { weight: 40 } },
      'setCanaryScale{weight: 40}',
      { kind: 'setCanaryScale' },
    ],
    [
      { setCanaryScale: { matchTrafficWeight: true } },
      'setCanaryScale{matchTrafficWeight: true}',
      { kind: 'setCanaryScale' },
    ],
    [
      { setCanaryScale: { replicas: 2 } },
      'setCanaryScale{replicas: 2}',
      { kind: 'setCanaryScale' },
    ],
    [
      { plugin: { name: 'argoproj-labs/step' } },
      'plugin: argoproj-labs/step',
      { kind: 'plugin' },
    ],
    [
      { setHeaderRoute: { name: 'beta' } },
      'setHeaderRoute: beta',
      { kind: 'setHeaderRoute' },
    ],
    [
      { setMirrorRoute: { name: 'mirror' } },
      'setMirrorRoute: mirror',
      { kind: 'setMirrorRoute' },
    ],
    [{}, 'invalid', { kind: 'invalid' }],
  ])('%j is "%s"', (step, description, fields) => {
    expect(describeArgoStep(step)).toEqual({ description, ...fields });
  });
});
