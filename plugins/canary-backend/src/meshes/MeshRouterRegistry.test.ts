import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { MeshRouterRegistry } from './MeshRouterRegistry';

function factory(provider: string): MeshRouterFactory {
  return {
    provider,
    create: () => {
      throw new Error('not used in this test');
    },
  };
}

describe('MeshRouterRegistry', () => {
  it('finds a router by provider and lists providers sorted', () => {
    const registry = new MeshRouterRegistry();
    registry.add(factory('smi'));
    registry.add(factory('istio'));
    expect(registry.get('istio').provider).toBe('istio');
    expect(registry.providers()).toEqual(['istio', 'smi']);
  });

  it('refuses a second router for the same provider', () => {
    const registry = new MeshRouterRegistry();
    registry.add(factory('istio'));
    expect(() => registry.add(factory('istio'))).toThrow(
      'A mesh router for provider "istio" is already registered',
    );
  });

  it('names the available providers when asked for an unknown one', () => {
    const registry = new MeshRouterRegistry();
    registry.add(factory('gatewayapi'));
    expect(() => registry.get('linkerd')).toThrow(
      'No mesh router for provider "linkerd"; available: gatewayapi',
    );
  });
});
