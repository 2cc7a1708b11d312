import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { ContourRouter } from './ContourRouter';

/**
 * Contour: an HTTPProxy (projectcontour.io) that a root HTTPProxy includes. Its built-in
 * queries are Flagger's contour observer: Envoy's upstream cluster stats, which Contour names
 * `<namespace>_<service>_<port>`, of the canary Service. Envoy reports per upstream Service, not
 * per workload, so health reads the application's histogram (no `health` telemetry).
 */
export const contourMesh: MeshRouterFactory = {
  provider: ContourRouter.provider,
  create: context => new ContourRouter(context),
  refuse: ContourRouter.refuse,
  apiGroups: ['projectcontour.io'],
  telemetry: [
    {
      name: 'contour',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+"}[{{ interval }}])) * 100',
        'request-duration':
          'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+"}[{{ interval }}])) by (le))',
      },
    },
  ],
};
