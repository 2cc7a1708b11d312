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
    ).toEqual(['istio', 'gatewayapi', 'smi', 'nginx', 'kubernetes']);
  });

  it('given a cluster without a mesh, lists the providers that need no API of their own: nginx and kubernetes', () => {
    expect(
      detectMeshProviders(BUILTIN_MESHES, [
        'apps',
        'batch',
        'coordination.k8s.io',
      ]),
    ).toEqual(['nginx', 'kubernetes']);
  });

  it("offers a module's mesh only where every one of its API groups is served, and one without groups after them", () => {
    const meshes = [
      ...BUILTIN_MESHES,
      { provider: 'edge', apiGroups: ['edge.example.com', 'gw.example.com'] },
      { provider: 'named-only' },
    ];
    expect(detectMeshProviders(meshes, ['edge.example.com'])).toEqual([
      'nginx',
      'named-only',
      'kubernetes',
    ]);
    expect(
      detectMeshProviders(meshes, ['edge.example.com', 'gw.example.com']),
    ).toEqual(['edge', 'nginx', 'named-only', 'kubernetes']);
  });
});
