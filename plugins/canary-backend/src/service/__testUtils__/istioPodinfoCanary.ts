/** A Canary for the lab's podinfo Deployment in `namespace`, routed by Istio, with `analysis`. */
export function istioPodinfoCanary(
  namespace: string,
  analysis: Record<string, unknown>,
) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      provider: 'istio',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898, targetPort: 9898 },
      analysis,
    },
  };
}
