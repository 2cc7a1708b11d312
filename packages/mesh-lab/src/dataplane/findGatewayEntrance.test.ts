import { labGatewayObjects } from '../fixtures/labGatewayObjects';
import { findGatewayEntrance } from './findGatewayEntrance';
import { routingObjectsOf } from './routingObjectsOf';
import type { ServiceLike } from './RoutingObjects';

describe('findGatewayEntrance', () => {
  const lab = labGatewayObjects() as any[];
  const services: ServiceLike[] = lab
    .filter(o => o.kind === 'Service')
    .map((s, i) => ({ ...s, spec: { ...s.spec, clusterIP: `10.0.0.${20 + i}` } }));
  const gateways = lab.filter(o => o.kind === 'Gateway');
  const ingressPod = {
    namespace: 'istio-system',
    name: 'istio-ingressgateway-5c4f-x7k2p',
    workload: 'istio-ingressgateway',
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway', 'pod-template-hash': '5c4f' },
  };
  const podinfo: ServiceLike = {
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: { selector: { app: 'podinfo' }, clusterIP: '10.0.0.40' },
  };

  it("enters the lab's Istio ingress gateway at its Ready pod, with the Service's cluster IP as default Host", () => {
    const objects = routingObjectsOf({ services, gateways, pods: [ingressPod] });
    expect(findGatewayEntrance('istio-system/istio-ingressgateway', objects)).toEqual({
      ref: 'istio-system/istio-ingressgateway',
      kind: 'istio',
      proxy: { workload: 'istio-ingressgateway', namespace: 'istio-system', labels: ingressPod.labels },
      address: '10.0.0.20',
    });
  });

  it('knows the Istio gateway before its pod is Ready, with no proxy to answer', () => {
    const found = findGatewayEntrance('istio-system/istio-ingressgateway', routingObjectsOf({ services, gateways }));
    expect(found).toMatchObject({ kind: 'istio' });
    expect((found as any).proxy).toBeUndefined();
  });

  it('takes a Service without the istio label as an Istio gateway when an Istio Gateway selects its pods', () => {
    const imgw: ServiceLike = {
      metadata: { name: 'test-imgw', namespace: 'test' },
      spec: { selector: { app: 'test-imgw-app', 'gateway-name': 'test-imgw' } },
    };
    const istioGateways = [{ metadata: { name: 'public-gateway', namespace: 'test' }, spec: { selector: { app: 'test-imgw-app' } } }];
    expect(findGatewayEntrance('test/test-imgw', routingObjectsOf({ services: [imgw], istioGateways }))).toMatchObject({
      kind: 'istio',
      address: 'test-imgw.test.svc.cluster.local',
    });
  });

  it('enters a Gateway API Gateway through the Service labelled with its name', () => {
    const found = findGatewayEntrance('gateway-system/lab-gateway', routingObjectsOf({ services, gateways }));
    expect(found).toMatchObject({
      kind: 'gatewayapi',
      proxy: { workload: 'lab-gateway-mesh-lab', namespace: 'gateway-system' },
      address: '10.0.0.21',
      gateway: { metadata: { name: 'lab-gateway' } },
    });
  });

  it('enters a Gateway API Gateway that has no Service by its own name', () => {
    const walkthrough = {
      metadata: { name: 'gateway', namespace: 'istio-ingress' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'default', hostname: '*.example.com', port: 80, protocol: 'HTTP' }] },
    };
    expect(findGatewayEntrance('istio-ingress/gateway', routingObjectsOf({ gateways: [walkthrough] }))).toMatchObject({
      kind: 'gatewayapi',
      proxy: { workload: 'gateway-istio', namespace: 'istio-ingress' },
      address: 'gateway-istio.istio-ingress.svc.cluster.local',
    });
  });

  it('refuses a Service that is no gateway, an unknown name and a malformed one, saying why', () => {
    const objects = routingObjectsOf({ services: [...services, podinfo], gateways });
    expect(findGatewayEntrance('test/podinfo', objects)).toEqual({
      error: expect.stringMatching(/^Service test\/podinfo is not a gateway: its selector has no "istio" label/),
    });
    expect(findGatewayEntrance('istio-system/missing', objects)).toEqual({
      error: 'no gateway istio-system/missing: no Service of an Istio gateway workload and no Gateway API Gateway has that namespace/name',
    });
    expect(findGatewayEntrance('istio-ingressgateway', objects)).toEqual({
      error: 'a gateway is named <namespace>/<name>, got "istio-ingressgateway"',
    });
  });
});
