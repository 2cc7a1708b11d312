import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { GlooRouter } from './GlooRouter';

/**
 * The Envoy clusters of the canary's Upstream, `<namespace>-<apex>-canaryupstream-<port>_<upstream
 * namespace>` as Gloo's gateway-proxy names them. Flagger's regex, keyed on the apex Service
 * (`{{ service }}`) the Upstream is named after rather than Flagger's `{{ target }}`, which is
 * the same name unless `service.name` is set (and which the analysis charts would fill with the
 * primary's name, matching no cluster).
 */
const CANARY_CLUSTERS =
  'envoy_cluster_name=~"{{ namespace }}-{{ service }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+"';

/**
 * Gloo Edge: Upstreams and a RouteTable (gateway.solo.io, gloo.solo.io); the built-in metrics are
 * Flagger's, from the Envoy cluster stats of Gloo's gateway-proxy. Those are per Upstream, not
 * per workload, so the health card reads the application's own histogram.
 */
export const glooMesh: MeshRouterFactory = {
  provider: GlooRouter.provider,
  create: context => new GlooRouter(context),
  refuse: GlooRouter.refuse,
  apiGroups: ['gateway.solo.io', 'gloo.solo.io'],
  telemetry: [
    {
      name: 'gloo',
      builtinQueries: {
        'request-success-rate': `sum(rate(envoy_cluster_upstream_rq{${CANARY_CLUSTERS},envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{${CANARY_CLUSTERS}}[{{ interval }}])) * 100`,
        'request-duration': `histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{${CANARY_CLUSTERS}}[{{ interval }}])) by (le))`,
      },
    },
  ],
};
