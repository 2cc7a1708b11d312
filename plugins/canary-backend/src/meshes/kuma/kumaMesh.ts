import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { KumaRouter } from './KumaRouter';

/**
 * Kuma: a TrafficRoute (kuma.io). Its built-in queries are Flagger's: the Envoy cluster stats the
 * canary's data plane proxies report, selected by Kuma's `service` label (the proxy's
 * `kuma.io/service`, `<name>-canary_<namespace>_svc_<port>`); Vane names the canary Service
 * `{{ service }}-canary` where Flagger writes `{{ target }}-canary` (the same unless
 * `spec.service.name` differs from the target's). Kuma labels a proxy's stats by its service,
 * not its workload, so health reads the application's histogram (no `health` telemetry).
 */
export const kumaMesh: MeshRouterFactory = {
  provider: KumaRouter.provider,
  create: context => new KumaRouter(context),
  refuse: KumaRouter.refuse,
  apiGroups: ['kuma.io'],
  telemetry: [
    {
      name: 'kuma',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(envoy_cluster_upstream_rq{service=~"{{ service }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{service=~"{{ service }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+"}[{{ interval }}])) * 100',
        'request-duration':
          'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{service=~"{{ service }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+"}[{{ interval }}])) by (le))',
      },
    },
  ],
};
