import type { MeshRouterFactory } from '@vane/plugin-canary-node';

/**
 * The mesh routers known to this backend, by provider name: the built-in ones and those added by
 * modules through `canaryMeshRoutersExtensionPoint`.
 */
export class MeshRouterRegistry {
  private readonly factories = new Map<string, MeshRouterFactory>();

  add(factory: MeshRouterFactory): void {
    if (this.factories.has(factory.provider)) {
      throw new Error(
        `A mesh router for provider "${factory.provider}" is already registered; remove one of the modules that add it`,
      );
    }
    this.factories.set(factory.provider, factory);
  }

  get(provider: string): MeshRouterFactory {
    const factory = this.factories.get(provider);
    if (!factory) {
      throw new Error(
        `No mesh router for provider "${provider}"; available: ${
          this.providers().join(', ') || 'none'
        }`,
      );
    }
    return factory;
  }

  providers(): string[] {
    return [...this.factories.keys()].sort();
  }
}
