import { intersectHostnames } from './intersectHostnames';

// The cases of Gateway API's hostname intersection table (concepts/hostnames).
describe('intersectHostnames', () => {
  it('precise hostnames intersect only when equal', () => {
    expect(intersectHostnames('www.example.com', ['www.example.com'])).toEqual(['www.example.com']);
    expect(intersectHostnames('www.example.com', ['api.example.com'])).toEqual([]);
  });

  it('a wildcard Listener admits the precise route hostnames it covers, one or more labels deep', () => {
    expect(intersectHostnames('*.example.com', ['www.example.com'])).toEqual(['www.example.com']);
    expect(intersectHostnames('*.example.com', ['sub.domain.example.com'])).toEqual(['sub.domain.example.com']);
  });

  it('a wildcard route hostname intersects with the precise Listener hostname it covers', () => {
    expect(intersectHostnames('www.example.com', ['*.example.com'])).toEqual(['www.example.com']);
    expect(intersectHostnames('sub.domain.example.com', ['*.example.com'])).toEqual(['sub.domain.example.com']);
  });

  it('two wildcards intersect as the more specific one', () => {
    expect(intersectHostnames('*.example.com', ['*.example.com'])).toEqual(['*.example.com']);
    expect(intersectHostnames('*.com', ['*.example.com'])).toEqual(['*.example.com']);
    expect(intersectHostnames('*.example.com', ['*.com'])).toEqual(['*.example.com']);
  });

  it('"*", or no hostname on either side, intersects with anything', () => {
    expect(intersectHostnames('*', ['www.example.com'])).toEqual(['www.example.com']);
    expect(intersectHostnames(undefined, ['www.example.com'])).toEqual(['www.example.com']);
    expect(intersectHostnames('*.example.com', [])).toEqual(['*.example.com']);
    expect(intersectHostnames(undefined, undefined)).toEqual(['*']);
  });

  it('drops the route hostnames the Listener does not cover, and attaches nothing when none is left', () => {
    expect(intersectHostnames('*.example.com', ['test.example.com', 'test.example.net'])).toEqual([
      'test.example.com',
    ]);
    expect(intersectHostnames('*.example.com', ['example.com', 'test.example.net'])).toEqual([]);
  });
});
