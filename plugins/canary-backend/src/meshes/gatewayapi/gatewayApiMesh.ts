import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { GatewayApiRouter } from './GatewayApiRouter';

/**
 * Gateway API: an HTTPRoute (gateway.networking.k8s.io) on Gateways or, without gatewayRefs, on
 * the apex Service (GAMMA). Its built-in queries read Envoy's upstream cluster stats, named
 * `<namespace>_<service>_<port>` by Contour-style implementations, so only traffic the route
 * sends to `<service>-canary` counts (Flagger reads podinfo's own metrics for Gateway API);
 * implementations that name clusters otherwise (Envoy Gateway: `httproute/...`) need a
 * MetricTemplate. Gateway API implementations report per Service, not per workload, so health
 * reads the application's histogram (no `health` telemetry).
 */
export const gatewayApiMesh: MeshRouterFactory = {
  provider: GatewayApiRouter.provider,
  create: context => new GatewayApiRouter(context),
  refuse: GatewayApiRouter.refuse,
  apiGroups: ['gateway.networking.k8s.io'],
  telemetry: [
    {
      name: 'gatewayapi',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+",envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+"}[{{ interval }}])) * 100',
        'request-duration':
          'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+"}[{{ interval }}])) by (le))',
      },
    },
  ],
};
