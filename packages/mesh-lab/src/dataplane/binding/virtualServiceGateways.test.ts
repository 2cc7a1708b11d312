import { virtualServiceGateways } from './virtualServiceGateways';

describe('virtualServiceGateways', () => {
  it('binds a VirtualService without gateways (absent or empty) to the mesh', () => {
    expect(virtualServiceGateways({ metadata: { namespace: 'test' }, spec: {} })).toEqual(['mesh']);
    expect(virtualServiceGateways({ metadata: { namespace: 'test' }, spec: { gateways: [] } })).toEqual(['mesh']);
  });

  it('binds one with gateways to those only, the mesh only when listed', () => {
    expect(
      virtualServiceGateways({ metadata: { namespace: 'test' }, spec: { gateways: ['public-gateway'] } }),
    ).toEqual(['test/public-gateway']);
    expect(
      virtualServiceGateways({
        metadata: { namespace: 'test' },
        spec: { gateways: ['istio-system/public-gateway', 'mesh'] },
      }),
    ).toEqual(['istio-system/public-gateway', 'mesh']);
  });
});
