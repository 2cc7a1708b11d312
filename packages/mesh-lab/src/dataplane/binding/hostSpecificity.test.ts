import { hostSpecificity } from './hostSpecificity';

describe('hostSpecificity', () => {
  it('ranks a precise host over a longer wildcard, a longer wildcard over a shorter one, and "*" last', () => {
    const ranked = ['*', '*.com', '*.example.com', 'a.com', 'app.example.com'];
    expect([...ranked].sort((a, b) => hostSpecificity(a) - hostSpecificity(b))).toEqual(ranked);
    expect(hostSpecificity('x.io')).toBeGreaterThan(hostSpecificity('*.very.long.example.com'));
  });
});
