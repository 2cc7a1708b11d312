import {
  parseCanaryAnnotation,
  parseRolloutAnnotation,
} from './parseCanaryAnnotation';

describe('parseCanaryAnnotation', () => {
  it('reads one namespace/name pair', () => {
    expect(parseCanaryAnnotation('test/podinfo')).toEqual([
      { namespace: 'test', name: 'podinfo' },
    ]);
  });

  it('reads several pairs separated by commas, ignoring spaces and duplicates', () => {
    expect(
      parseCanaryAnnotation(' shop/checkout , shop/payments,shop/checkout,'),
    ).toEqual([
      { namespace: 'shop', name: 'checkout' },
      { namespace: 'shop', name: 'payments' },
    ]);
  });

  it.each([
    ['podinfo', '"podinfo" must have the form <namespace>/<name>'],
    ['a/b/c', '"a/b/c" must have the form <namespace>/<name>'],
    ['Test/podinfo', 'namespace "Test" in "Test/podinfo" is not a valid'],
    ['test/Pod_Info', 'name "Pod_Info" in "test/Pod_Info" is not a valid'],
    [' , ', 'the annotation is empty'],
  ])('rejects %j with a message naming the entry', (value, message) => {
    expect(() => parseCanaryAnnotation(value)).toThrow(message);
  });
});

describe('parseRolloutAnnotation', () => {
  it('reads vane.dev/rollout as vane.dev/canary, and names its own annotation in errors', () => {
    expect(parseRolloutAnnotation('test/ratings, webapp/search')).toEqual([
      { namespace: 'test', name: 'ratings' },
      { namespace: 'webapp', name: 'search' },
    ]);
    expect(() => parseRolloutAnnotation('ratings')).toThrow(
      'vane.dev/rollout: "ratings" must have the form <namespace>/<name>',
    );
  });
});
