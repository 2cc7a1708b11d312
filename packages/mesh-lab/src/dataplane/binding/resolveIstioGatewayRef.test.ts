import { resolveIstioGatewayRef } from './resolveIstioGatewayRef';

describe('resolveIstioGatewayRef', () => {
  it('keeps the reserved "mesh"', () => {
    expect(resolveIstioGatewayRef('mesh', 'test')).toBe('mesh');
  });

  it('takes namespace/name as written, and "./name" in the VirtualService\'s namespace', () => {
    expect(resolveIstioGatewayRef('istio-system/public-gateway', 'test')).toBe('istio-system/public-gateway');
    expect(resolveIstioGatewayRef('./public-gateway', 'test')).toBe('test/public-gateway');
  });

  it("resolves a bare name in the VirtualService's namespace", () => {
    expect(resolveIstioGatewayRef('public-gateway', 'test')).toBe('test/public-gateway');
  });

  it('reads the legacy FQDN form (Flagger\'s docs) as name.namespace', () => {
    expect(resolveIstioGatewayRef('public-gateway.istio-system.svc.cluster.local', 'test')).toBe(
      'istio-system/public-gateway',
    );
    expect(resolveIstioGatewayRef('public-gateway.istio-system', 'test')).toBe('istio-system/public-gateway');
  });
});
