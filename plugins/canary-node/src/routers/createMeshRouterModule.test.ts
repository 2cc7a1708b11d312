import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { canaryMeshRoutersExtensionPoint } from './canaryMeshRoutersExtensionPoint';
import { createMeshRouterModule } from './createMeshRouterModule';
import type { Canary } from '@vane/plugin-canary-common';
import type { MeshRouterFactory } from './MeshRouter';

const noopRouter: MeshRouterFactory['create'] = () => ({
  reconcile: async () => {},
  setRoutes: async () => {},
  getRoutes: async () => ({ primaryWeight: 100, canaryWeight: 0, mirrored: false }),
  finalize: async () => {},
});

describe('createMeshRouterModule', () => {
  it('registers the router with the canary plugin before the plugin starts', async () => {
    const registered: string[] = [];
    let seenAtInit: string[] = [];
    // Stands in for the canary backend: it provides the extension point and reads it at init.
    const canaryPluginStandIn = createBackendPlugin({
      pluginId: 'canary',
      register(reg) {
        reg.registerExtensionPoint(canaryMeshRoutersExtensionPoint, {
          addMeshRouter: factory => registered.push(factory.provider),
        });
        reg.registerInit({
          deps: {},
          async init() {
            seenAtInit = [...registered];
          },
        });
      },
    });

    const backend = await startTestBackend({
      features: [
        canaryPluginStandIn,
        createMeshRouterModule({ provider: 'consul', create: noopRouter }),
        createMeshRouterModule({ provider: 'nginx', create: noopRouter }),
      ],
    });
    await backend.stop();

    expect(seenAtInit.sort()).toEqual(['consul', 'nginx']);
  });

  it("hands the engine the factory as given, with the router's refusals", async () => {
    let registered: MeshRouterFactory | undefined;
    const canaryPluginStandIn = createBackendPlugin({
      pluginId: 'canary',
      register(reg) {
        reg.registerExtensionPoint(canaryMeshRoutersExtensionPoint, {
          addMeshRouter: factory => {
            registered = factory;
          },
        });
        reg.registerInit({ deps: {}, async init() {} });
      },
    });
    const refuse: MeshRouterFactory['refuse'] = canary =>
      canary.spec.analysis.match
        ? [
            {
              field: 'analysis.match',
              message:
                'analysis.match is not supported by provider consul: its splitter splits by weight only; use istio or gatewayapi',
            },
          ]
        : [];
    const backend = await startTestBackend({
      features: [
        canaryPluginStandIn,
        createMeshRouterModule({ provider: 'consul', create: noopRouter, refuse }),
      ],
    });
    await backend.stop();

    const abCanary: Canary = {
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        targetRef: { kind: 'Deployment', name: 'podinfo' },
        service: { port: 9898 },
        analysis: { interval: '1m', threshold: 1, iterations: 5, match: [{ headers: {} }] },
      },
    };
    expect(registered?.refuse?.(abCanary)).toEqual([
      expect.objectContaining({ field: 'analysis.match' }),
    ]);
  });

  it.each(['Istio', '', 'gateway_api', '1mesh'])(
    'refuses the provider name %j with a message saying what is allowed',
    provider => {
      expect(() => createMeshRouterModule({ provider, create: noopRouter })).toThrow(
        `Mesh router provider "${provider}" is not valid: use lowercase letters, digits and '-', starting with a letter`,
      );
    },
  );
});
