import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { AppMeshRouter } from './AppMeshRouter';

/**
 * AWS App Mesh: VirtualNodes, VirtualRouters and VirtualServices (appmesh.k8s.aws/v1beta2), for
 * Flagger's `appmesh` and `appmesh:v1beta2`. Its built-in queries are Flagger's: the Envoy
 * cluster stats of the canary's pods (`envoy_cluster_upstream_rq`, by `kubernetes_namespace` and
 * `kubernetes_pod_name` as App Mesh's Prometheus scrapes the sidecars), so the primary's can be
 * charted too. Envoy names no workload in its stats, so health reads the application's histogram
 * (no `health` telemetry).
 */
export const appMeshMesh: MeshRouterFactory = {
  provider: AppMeshRouter.provider,
  create: context => new AppMeshRouter(context),
  refuse: AppMeshRouter.refuse,
  apiGroups: ['appmesh.k8s.aws'],
  telemetry: [
    {
      name: 'appmesh',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(envoy_cluster_upstream_rq{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)",envoy_response_code!~"5.*"}[{{ interval }}])) / sum(rate(envoy_cluster_upstream_rq{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[{{ interval }}])) * 100',
        'request-duration':
          'histogram_quantile(0.99, sum(rate(envoy_cluster_upstream_rq_time_bucket{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[{{ interval }}])) by (le))',
      },
    },
  ],
};
