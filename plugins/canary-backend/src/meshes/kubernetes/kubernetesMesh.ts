import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { KubernetesRouter } from './KubernetesRouter';

/**
 * No mesh: blue/green by the apex Service's selector, on every cluster (no API groups, so
 * discovery offers it last). Measured with the application's own `http_request_duration_seconds`
 * histogram, as Flagger's `kubernetes` built-ins, converted to milliseconds in the query so every
 * duration is in ms; health reads the same histogram.
 */
export const kubernetesMesh: MeshRouterFactory = {
  provider: KubernetesRouter.provider,
  create: context => new KubernetesRouter(context),
  refuse: KubernetesRouter.refuse,
  telemetry: [
    {
      name: 'kubernetes',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(http_request_duration_seconds_count{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)",status!~"5.*"}[{{ interval }}])) / sum(rate(http_request_duration_seconds_count{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[{{ interval }}])) * 100',
        'request-duration':
          'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"}[{{ interval }}])) by (le)) * 1000',
      },
    },
  ],
};
