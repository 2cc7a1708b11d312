import { BUILTIN_MESHES } from './BUILTIN_MESHES';
import { detectMeshProviders } from './detectMeshProviders';

describe('detectMeshProviders', () => {
  it('lists every built-in provider the served API groups allow, best first, kubernetes last', () => {
    expect(
      detectMeshProviders(BUILTIN_MESHES, [
        'split.smi-spec.io',
        'gateway.networking.k8s.io',
        'networking.istio.io',
        'apps',
      ]),
    ).toEqual(['istio', 'gatewayapi', 'smi', 'kubernetes']);
  });

  it('given a cluster without a mesh, lists kubernetes only', () => {
    expect(
      detectMeshProviders(BUILTIN_MESHES, [
        'apps',
        'batch',
        'coordination.k8s.io',
      ]),
    ).toEqual(['kubernetes']);
  });

  it("offers a module's mesh only where every one of its API groups is served, and one without groups never", () => {
    const meshes = [
      ...BUILTIN_MESHES,
      { provider: 'edge', apiGroups: ['edge.example.com', 'gw.example.com'] },
      { provider: 'named-only' },
    ];
    expect(detectMeshProviders(meshes, ['edge.example.com'])).toEqual([
      'kubernetes',
    ]);
    expect(
      detectMeshProviders(meshes, ['edge.example.com', 'gw.example.com']),
    ).toEqual(['edge', 'kubernetes']);
  });
});
