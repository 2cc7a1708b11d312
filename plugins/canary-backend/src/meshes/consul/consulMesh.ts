import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { ConsulRouter } from './ConsulRouter';

/**
 * The canary's Consul service, as Consul's Envoy sidecars tag the stats of the clusters they
 * send requests to (consul.destination.service, from the cluster's SNI name
 * `<service>.<namespace>.<datacenter>.internal.<trust domain>.consul`). Consul CE catalogs a
 * service by its name alone, every Kubernetes namespace's Services in Consul's `default`
 * namespace, so the name selects it; with Consul Enterprise namespaces mirrored from
 * Kubernetes, a MetricTemplate can add `consul_destination_namespace="{{ namespace }}"`.
 */
const CANARY_SERVICE = 'consul_destination_service="{{ service }}-canary"';

/**
 * Consul service mesh on Kubernetes: ServiceSplitter, ServiceRouter and ServiceDefaults config
 * entries as consul-k8s CRDs (consul.hashicorp.com). Flagger has no Consul router; the queries
 * are the callers' view Consul's docs recommend for "are requests sent to this service mostly
 * successful" and "handled in a timely manner" (Monitoring service-to-service communication
 * with Envoy): every request the callers' sidecars sent to the canary service, those no canary
 * pod answered (503) included. Consul's Envoy stats name the Consul service (the Kubernetes
 * Service that selects a pod), never the workload, and the primary's pods are in two Services
 * (the apex and `<name>-primary`), so health reads the application's histogram (no `health`
 * telemetry), as for Gateway API.
 */
export const consulMesh: MeshRouterFactory = {
  provider: ConsulRouter.provider,
  create: context => new ConsulRouter(context),
  refuse: ConsulRouter.refuse,
  apiGroups: ['consul.hashicorp.com'],
  telemetry: [
    {
      name: 'consul',
      builtinQueries: {
        'request-success-rate': `sum(rate(envoy_cluster_upstream_rq_xx{${CANARY_SERVICE},envoy_response_code_class!="5"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq_xx{${CANARY_SERVICE}}[{{ interval }}])) * 100`,
        'request-duration': `histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{${CANARY_SERVICE}}[{{ interval }}])) by (le))`,
      },
    },
  ],
};
