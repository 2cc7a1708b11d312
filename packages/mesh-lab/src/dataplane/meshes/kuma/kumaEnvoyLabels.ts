import type { ServedRequest } from '../../MeshMetrics';
import { kumaServiceTag } from './kumaServiceTag';

/**
 * The labels Kuma's Prometheus service discovery gives every stat of a data plane proxy: its
 * mesh, its name, its service (`kuma.io/service`), and its tags with dots and slashes as
 * underscores.
 */
export const KUMA_ENVOY_LABELS = [
  'mesh',
  'dataplane',
  'service',
  'kuma_io_service',
  'kuma_io_protocol',
  'k8s_kuma_io_namespace',
  'k8s_kuma_io_service_name',
  'k8s_kuma_io_service_port',
] as const;

/**
 * The Envoy cluster stats labels of a request as the serving pod's Kuma sidecar reports it: its
 * inbound cluster to the application (`localhost_<port>`), and the data plane's labels, its
 * service being the tag of the Service the route sent the request to (the lab runs one mesh,
 * `default`): what Flagger's kuma queries select by `service`. Only for a request a pod served.
 */
export function kumaEnvoyLabels(request: ServedRequest): Record<string, string> | undefined {
  const d = request.destination;
  if (!d.pod) return undefined;
  const service = kumaServiceTag({ service: d.service, namespace: d.namespace, port: d.port });
  return {
    envoy_cluster_name: `localhost_${d.port}`,
    mesh: 'default',
    dataplane: `${d.pod}.${d.namespace}`,
    service,
    kuma_io_service: service,
    kuma_io_protocol: 'http',
    k8s_kuma_io_namespace: d.namespace,
    k8s_kuma_io_service_name: d.service,
    k8s_kuma_io_service_port: String(d.port),
  };
}
