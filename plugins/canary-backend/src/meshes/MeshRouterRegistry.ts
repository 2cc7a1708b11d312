import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import {
  chooseMeshProvider,
  type MeshProviderChoice,
} from './chooseMeshProvider';
import { detectMeshProviders } from './detectMeshProviders';

/**
 * The meshes known to this backend, by provider name: the built-in ones (BUILTIN_MESHES) and
 * those added by modules through `canaryMeshRoutersExtensionPoint`, in the order they were
 * added, which is the order discovery prefers them in. Everything that depends on the mesh
 * (the router, what it refuses, discovery, built-in queries, health telemetry) is read from
 * here, so a module's mesh is served exactly like a built-in one.
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

  /** The provider names, sorted (for messages and the health endpoint). */
  providers(): string[] {
    return [...this.factories.keys()].sort();
  }

  /** The providers a cluster serving `apiGroups` can route with, best first. */
  discover(apiGroups: readonly string[]): string[] {
    return detectMeshProviders([...this.factories.values()], apiGroups);
  }

  /** The provider and telemetry of a Canary, by chooseMeshProvider's rule. */
  choose(
    options: Omit<Parameters<typeof chooseMeshProvider>[0], 'meshes'>,
  ): MeshProviderChoice {
    return chooseMeshProvider({
      ...options,
      meshes: [...this.factories.values()],
    });
  }
}
