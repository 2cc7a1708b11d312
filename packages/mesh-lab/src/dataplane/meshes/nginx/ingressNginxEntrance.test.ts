import { labGatewayObjects, LAB_GATEWAYS } from '../../../fixtures/labGatewayObjects';
import { findGatewayEntrance } from '../../findGatewayEntrance';
import { routingObjectsOf } from '../../routingObjectsOf';

describe('the ingress-nginx controller as a gateway', () => {
  const services = (labGatewayObjects() as any[])
    .filter(o => o.kind === 'Service')
    .map(s => ({ ...s, spec: { ...s.spec, clusterIP: '10.0.0.30' } }));
  const controllerPod = {
    namespace: 'ingress-nginx',
    name: 'ingress-nginx-controller-7d9f-abcde',
    workload: 'ingress-nginx-controller',
    labels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/instance': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
      'pod-template-hash': '7d9f',
    },
  };

  it("enters the lab's controller Service at its Ready pod, which its metrics name, with the cluster IP as default Host", () => {
    expect(findGatewayEntrance(LAB_GATEWAYS.ingressNginx, routingObjectsOf({ services, pods: [controllerPod] }))).toEqual({
      ref: 'ingress-nginx/ingress-nginx-controller',
      kind: 'ingress-nginx',
      proxy: {
        workload: 'ingress-nginx-controller',
        namespace: 'ingress-nginx',
        labels: controllerPod.labels,
        pod: 'ingress-nginx-controller-7d9f-abcde',
      },
      address: '10.0.0.30',
    });
  });

  it('knows the controller before its pod is Ready, with no proxy to answer', () => {
    const found = findGatewayEntrance(LAB_GATEWAYS.ingressNginx, routingObjectsOf({ services }));
    expect(found).toMatchObject({ kind: 'ingress-nginx' });
    expect((found as any).proxy).toBeUndefined();
  });

  it('takes no other Service for the controller', () => {
    const podinfo = { metadata: { name: 'podinfo', namespace: 'test' }, spec: { selector: { app: 'podinfo' } } };
    expect(findGatewayEntrance('test/podinfo', routingObjectsOf({ services: [podinfo] }))).toEqual({
      error:
        'Service test/podinfo is not a gateway: its selector has no "istio" label and no Istio Gateway selects its pods, it is no Gateway API Gateway\'s (label gateway.networking.k8s.io/gateway-name), and it selects neither Gloo\'s gateway-proxy nor Traefik, nor an ingress-nginx controller (app.kubernetes.io/name: ingress-nginx) nor Contour Envoy (app: envoy)',
    });
  });
});
