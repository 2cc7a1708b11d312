import { wildcardHostMatches } from './wildcardHostMatches';

describe('wildcardHostMatches', () => {
  it('"*" covers every host, IP addresses included', () => {
    expect(wildcardHostMatches('*', 'app.example.com')).toBe(true);
    expect(wildcardHostMatches('*', '10.0.0.12')).toBe(true);
  });

  it('"*.example.com" covers hosts one or more labels below example.com, not example.com itself', () => {
    expect(wildcardHostMatches('*.example.com', 'app.example.com')).toBe(true);
    expect(wildcardHostMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(wildcardHostMatches('*.example.com', 'example.com')).toBe(false);
    expect(wildcardHostMatches('*.example.com', 'newexample.com')).toBe(false);
  });

  it('a precise host covers only itself, whatever the case', () => {
    expect(wildcardHostMatches('app.example.com', 'APP.example.com')).toBe(true);
    expect(wildcardHostMatches('app.example.com', 'www.example.com')).toBe(false);
  });
});
