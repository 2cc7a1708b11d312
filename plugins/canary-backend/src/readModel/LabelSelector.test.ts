import { LabelSelector } from './LabelSelector';

describe('LabelSelector', () => {
  const labels = {
    app: 'podinfo',
    tier: 'web',
    'backstage.io/kubernetes-id': 'podinfo',
  };

  it.each([
    ['app=podinfo', true],
    ['app==podinfo', true],
    ['app=other', false],
    ['app!=other', true],
    ['app!=podinfo', false],
    ['missing!=x', true],
    ['app in (podinfo, other)', true],
    ['app in (other)', false],
    ['app notin (other)', true],
    ['tier notin (web,db)', false],
    ['missing notin (x)', true],
    ['tier', true],
    ['missing', false],
    ['!missing', true],
    ['!tier', false],
    ['app=podinfo,tier in (web,db)', true],
    ['app=podinfo, tier=db', false],
    ['backstage.io/kubernetes-id=podinfo', true],
  ])('"%s" matches %p: %s', (selector, expected) => {
    expect(LabelSelector.parse(selector).matches(labels)).toBe(expected);
  });

  it('matches nothing but negations against an object without labels', () => {
    expect(LabelSelector.parse('app=podinfo').matches(undefined)).toBe(false);
    expect(LabelSelector.parse('!app').matches(undefined)).toBe(true);
  });

  it.each([
    ['', 'label selector "" is empty'],
    [' , ', 'label selector " , " is empty'],
    [
      'app=pod info',
      'label selector requirement "app=pod info" is not of the form key=value, key!=value, key in (a,b), key notin (a,b), key or !key',
    ],
    [
      '-app=x',
      'label selector requirement "-app=x" has an invalid label key "-app"',
    ],
    [
      'app=-x',
      'label selector requirement "app=-x" has an invalid label value "-x"',
    ],
    [
      'app in (a,-b)',
      'label selector requirement "app in (a,-b)" has an invalid label value "-b"',
    ],
  ])('refuses %p: %s', (selector, message) => {
    expect(() => LabelSelector.parse(selector)).toThrow(message);
  });

  it.each<[string, { key: string; values: string[] } | undefined]>([
    ['app=web', { key: 'app', values: ['web'] }],
    ['tier!=db,app in (a,b)', { key: 'app', values: ['a', 'b'] }],
    ['app', undefined],
    ['app!=web,!legacy', undefined],
  ])('%p requires the label %p', (selector, required) => {
    expect(LabelSelector.parse(selector).requiredLabel()).toEqual(required);
  });
});
