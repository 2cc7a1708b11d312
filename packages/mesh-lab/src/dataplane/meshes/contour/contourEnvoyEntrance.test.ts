import { labGatewayObjects, LAB_GATEWAYS } from '../../../fixtures/labGatewayObjects';
import { findGatewayEntrance } from '../../findGatewayEntrance';
import { routingObjectsOf } from '../../routingObjectsOf';

describe("Contour's Envoy as a gateway", () => {
  const services = (labGatewayObjects() as any[])
    .filter(o => o.kind === 'Service')
    .map(s => ({ ...s, spec: { ...s.spec, clusterIP: '10.0.0.31' } }));
  const envoyPod = { namespace: 'projectcontour', name: 'envoy-x7k2p', workload: 'envoy', labels: { app: 'envoy' } };

  it("enters the lab's Envoy Service at its Ready pod, with the cluster IP as default Host", () => {
    expect(findGatewayEntrance(LAB_GATEWAYS.contour, routingObjectsOf({ services, pods: [envoyPod] }))).toEqual({
      ref: 'projectcontour/envoy',
      kind: 'contour',
      proxy: { workload: 'envoy', namespace: 'projectcontour', labels: { app: 'envoy' }, pod: 'envoy-x7k2p' },
      address: '10.0.0.31',
    });
  });

  it('knows Envoy before its pod is Ready, with no proxy to answer', () => {
    const found = findGatewayEntrance(LAB_GATEWAYS.contour, routingObjectsOf({ services }));
    expect(found).toMatchObject({ kind: 'contour' });
    expect((found as any).proxy).toBeUndefined();
  });
});
