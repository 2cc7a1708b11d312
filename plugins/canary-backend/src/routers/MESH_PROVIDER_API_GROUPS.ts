/**
 * The API group whose presence tells that a provider's routing objects can be written, in the
 * order discovery prefers them: Istio's own API is richer than Gateway API on an Istio cluster,
 * and a cluster with Gateway API CRDs rarely wants TrafficSplits.
 */
export const MESH_PROVIDER_API_GROUPS: ReadonlyArray<{
  provider: string;
  apiGroup: string;
}> = [
  { provider: 'istio', apiGroup: 'networking.istio.io' },
  { provider: 'gatewayapi', apiGroup: 'gateway.networking.k8s.io' },
  { provider: 'smi', apiGroup: 'split.smi-spec.io' },
];
