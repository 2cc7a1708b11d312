/** The label Gateway API implementations put on the Deployment and Service of a Gateway (GEP-1762). */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

interface LabelledObject {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
}

/** What of a cluster tells its gateways apart: its Deployments and Services, with their labels. */
export interface GatewayObjects {
  deployments: readonly LabelledObject[];
  services: readonly LabelledObject[];
}

/**
 * Whether a caller is an ingress gateway, where north-south traffic enters the mesh:
 * - in `istio-system` and named *gateway* (Istio's installs: istio-ingressgateway);
 * - a Deployment of the cluster labelled `istio: <something>gateway`, as Istio's gateway charts
 *   label every gateway, or carrying the GEP-1762 `gateway-name` label;
 * - named `<gateway>` or `<gateway>-<class>` (GEP-1762's Deployment name) in the namespace of a
 *   Service or Deployment labelled `gateway-name: <gateway>`.
 */
export function isGatewayCaller(
  caller: { workload: string; namespace: string },
  cluster: GatewayObjects,
): boolean {
  const { workload, namespace } = caller;
  if (namespace === 'istio-system' && workload.includes('gateway')) return true;
  const inNamespace = (o: LabelledObject) =>
    (o.metadata.namespace ?? 'default') === namespace;
  const deployment = cluster.deployments.find(
    d => inNamespace(d) && d.metadata.name === workload,
  );
  const labels = deployment?.metadata.labels ?? {};
  if (/gateway$/.test(labels.istio ?? '') || labels[GATEWAY_NAME_LABEL]) {
    return true;
  }
  return [...cluster.services, ...cluster.deployments].some(o => {
    const gateway = o.metadata.labels?.[GATEWAY_NAME_LABEL];
    return (
      !!gateway &&
      inNamespace(o) &&
      (workload === gateway || workload.startsWith(`${gateway}-`))
    );
  });
}
