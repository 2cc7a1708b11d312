import { detectMeshProviders } from './detectMeshProviders';

describe('detectMeshProviders', () => {
  it('lists every provider the served API groups allow, best first, kubernetes last', () => {
    expect(
      detectMeshProviders([
        'split.smi-spec.io',
        'gateway.networking.k8s.io',
        'networking.istio.io',
        'apps',
      ]),
    ).toEqual(['istio', 'gatewayapi', 'smi', 'kubernetes']);
  });

  it('given a cluster without a mesh, lists kubernetes only', () => {
    expect(
      detectMeshProviders(['apps', 'batch', 'coordination.k8s.io']),
    ).toEqual(['kubernetes']);
  });
});
