import type { ServedRequest } from '../../MeshMetrics';

/** The labels App Mesh's Envoy stats carry beside Envoy's own, as its Prometheus scrapes the sidecars. */
export const APPMESH_ENVOY_LABELS = ['kubernetes_namespace', 'kubernetes_pod_name'] as const;

/**
 * The Envoy cluster stats labels of a request as the serving pod's App Mesh sidecar reports it:
 * its ingress cluster (`cds_ingress_<mesh>_<virtual node>_http_<port>`, the virtual node's App
 * Mesh name being `<name>_<namespace>`; the lab names the node after the Service the route sent
 * the request to, as Flagger's are, in a mesh called `lab`) and the pod, as App Mesh's Prometheus
 * relabels Kubernetes service discovery (`kubernetes_namespace`, `kubernetes_pod_name`): what
 * Flagger's appmesh queries select. Only for a request a pod served.
 */
export function appMeshEnvoyLabels(request: ServedRequest): Record<string, string> | undefined {
  const d = request.destination;
  if (!d.pod) return undefined;
  return {
    envoy_cluster_name: `cds_ingress_lab_${d.service}_${d.namespace}_http_${d.port}`,
    kubernetes_namespace: d.namespace,
    kubernetes_pod_name: d.pod,
  };
}
