import { MeshRouterRegistry } from '../mesh/MeshRouterRegistry';
import { createBuiltinMeshRouters } from './createBuiltinMeshRouters';
import { GatewayApiRouter } from './gatewayapi/GatewayApiRouter';
import { IstioRouter } from './istio/IstioRouter';
import { KubernetesRouter } from './kubernetes/KubernetesRouter';
import { SmiRouter } from './smi/SmiRouter';
import { InMemoryCluster } from '../testing/InMemoryCluster';

describe('createBuiltinMeshRouters', () => {
  it('registers the four built-in providers, each creating its router for a cluster', () => {
    const registry = new MeshRouterRegistry();
    createBuiltinMeshRouters().forEach(factory => registry.add(factory));
    expect(registry.providers()).toEqual([
      'gatewayapi',
      'istio',
      'kubernetes',
      'smi',
    ]);

    const cluster = new InMemoryCluster();
    const context = {
      clusterName: 'lab',
      reader: cluster.reader,
      writer: cluster.writer,
    };
    expect(registry.get('istio').create(context)).toBeInstanceOf(IstioRouter);
    expect(registry.get('gatewayapi').create(context)).toBeInstanceOf(
      GatewayApiRouter,
    );
    expect(registry.get('smi').create(context)).toBeInstanceOf(SmiRouter);
    expect(registry.get('kubernetes').create(context)).toBeInstanceOf(
      KubernetesRouter,
    );
  });
});
