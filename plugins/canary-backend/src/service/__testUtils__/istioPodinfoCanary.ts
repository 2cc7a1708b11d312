/**
 * A Canary for the lab's podinfo Deployment in `namespace`, routed by Istio, with `analysis`;
 * `service` adds to its port 9898 (e.g. `gateways` and `hosts` to serve it at a gateway).
 */
export function istioPodinfoCanary(
  namespace: string,
  analysis: Record<string, unknown>,
  service: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      provider: 'istio',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898, targetPort: 9898, ...service },
      analysis,
    },
  };
}
