import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { IstioRouter } from './IstioRouter';

/**
 * Istio: VirtualService and DestinationRules (networking.istio.io), measured with Istio's
 * standard metrics as the destination's sidecar reports them (Flagger's
 * pkg/metrics/observers/istio.go), which also name each request's caller.
 */
export const istioMesh: MeshRouterFactory = {
  provider: IstioRouter.provider,
  create: context => new IstioRouter(context),
  refuse: IstioRouter.refuse,
  apiGroups: ['networking.istio.io'],
  telemetry: [
    {
      name: 'istio',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}",response_code!~"5.*"}[{{ interval }}])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}"}[{{ interval }}])) * 100',
        'request-duration':
          'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="{{ namespace }}",destination_workload=~"{{ target }}"}[{{ interval }}])) by (le))',
      },
      health: {
        requests: 'istio_requests_total',
        buckets: 'istio_request_duration_milliseconds_bucket',
        toMilliseconds: '',
        code: 'response_code',
        selector: (ns, workloads) =>
          `reporter="destination",destination_workload_namespace="${ns}",destination_workload=~"${workloads}"`,
        workloadLabel: 'destination_workload',
        // The gateway reports as istio-ingressgateway / istio-system; a client outside the mesh
        // as `unknown` / `unknown`.
        callers: {
          sourceWorkloadLabel: 'source_workload',
          sourceNamespaceLabel: 'source_workload_namespace',
        },
      },
    },
  ],
};
