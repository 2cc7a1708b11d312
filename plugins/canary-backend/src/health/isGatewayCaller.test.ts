import { isGatewayCaller } from './isGatewayCaller';

const object = (
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
) => ({ metadata: { namespace, name, labels } });

/** The lab's gateways as its cluster holds them (mesh-lab's labGatewayObjects), and podinfo. */
const lab = {
  deployments: [
    object('istio-system', 'istio-ingressgateway', {
      app: 'istio-ingressgateway',
      istio: 'ingressgateway',
    }),
    object('test', 'podinfo', { app: 'podinfo' }),
  ],
  services: [
    object('gateway-system', 'lab-gateway', {
      'gateway.networking.k8s.io/gateway-name': 'lab-gateway',
    }),
    object('test', 'podinfo'),
  ],
};

describe('isGatewayCaller', () => {
  it.each([
    ['istio-system', 'istio-ingressgateway', 'Istio’s ingress gateway'],
    ['istio-system', 'istio-eastwestgateway', 'any *gateway* of istio-system'],
    [
      'gateway-system',
      'lab-gateway-mesh-lab',
      'a Gateway API gateway named <gateway>-<class> (GEP-1762) beside its labelled Service',
    ],
  ])('takes %s/%s for a gateway: %s', (namespace, workload) => {
    expect(isGatewayCaller({ workload, namespace }, lab)).toBe(true);
  });

  it('takes a Deployment labelled as an Istio gateway for one, in any namespace', () => {
    const cluster = {
      deployments: [
        object('edge', 'public-ingress', { istio: 'ingressgateway' }),
      ],
      services: [],
    };
    expect(
      isGatewayCaller(
        { workload: 'public-ingress', namespace: 'edge' },
        cluster,
      ),
    ).toBe(true);
  });

  it.each([
    ['test', 'mesh-lab-load', "the lab's in-mesh load"],
    ['test', 'podinfo', 'an application workload'],
    [
      'other',
      'lab-gateway-mesh-lab',
      'a name like a gateway’s in a namespace without that gateway',
    ],
    ['unknown', 'unknown', 'a client outside the mesh'],
  ])('does not take %s/%s for a gateway: %s', (namespace, workload) => {
    expect(isGatewayCaller({ workload, namespace }, lab)).toBe(false);
  });
});
