import type {
  MeshRouterFactory,
  MeshTelemetry,
} from '@vane/plugin-canary-node';
import { SmiRouter } from './SmiRouter';

/**
 * linkerd-proxy's inbound metrics (Flagger's linkerd observer). They name the client at most by
 * its TLS identity (`client_id`, a service account), never its workload; the calling workload is
 * only on the callers' own outbound metrics (`dst_deployment`), which health does not read, so
 * no caller is ever guessed for Linkerd.
 */
const LINKERD: MeshTelemetry = {
  name: 'linkerd',
  builtinQueries: {
    'request-success-rate':
      'sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",classification!="failure",direction="inbound"}[{{ interval }}])) / sum(rate(response_total{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(response_latency_ms_bucket{namespace="{{ namespace }}",deployment=~"{{ target }}",direction="inbound"}[{{ interval }}])) by (le))',
  },
  health: {
    requests: 'response_total',
    buckets: 'response_latency_ms_bucket',
    toMilliseconds: '',
    code: 'status_code',
    selector: (ns, workloads) =>
      `namespace="${ns}",deployment=~"${workloads}",direction="inbound"`,
    workloadLabel: 'deployment',
    callers: {
      unavailable:
        "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload (at most the client's TLS identity)",
    },
  },
};

/** Open Service Mesh's Envoy metrics (Flagger's osm observer), which name the caller. */
const OSM: MeshTelemetry = {
  name: 'osm',
  builtinQueries: {
    'request-success-rate':
      'sum(rate(osm_request_total{destination_namespace="{{ namespace }}",destination_kind="Deployment",destination_name="{{ target }}",response_code!~"5.*"}[{{ interval }}])) / sum(rate(osm_request_total{destination_namespace="{{ namespace }}",destination_kind="Deployment",destination_name="{{ target }}"}[{{ interval }}])) * 100',
    'request-duration':
      'histogram_quantile(0.99, sum(rate(osm_request_duration_ms_bucket{destination_namespace="{{ namespace }}",destination_kind="Deployment",destination_name="{{ target }}"}[{{ interval }}])) by (le))',
  },
  health: {
    requests: 'osm_request_total',
    buckets: 'osm_request_duration_ms_bucket',
    toMilliseconds: '',
    code: 'response_code',
    selector: (ns, workloads) =>
      `destination_namespace="${ns}",destination_kind="Deployment",destination_name=~"${workloads}"`,
    workloadLabel: 'destination_name',
    callers: {
      sourceWorkloadLabel: 'source_name',
      sourceNamespaceLabel: 'source_namespace',
    },
  },
};

/**
 * SMI: a TrafficSplit (split.smi-spec.io), served by Linkerd with its SMI extension and by OSM.
 * SMI has no telemetry of its own, so the data plane's is measured: Linkerd's (also for `smi`,
 * the usual data plane behind it), OSM's for Flagger's `osm`, or when discovery finds OSM's API.
 */
export const smiMesh: MeshRouterFactory = {
  provider: SmiRouter.provider,
  create: context => new SmiRouter(context),
  refuse: SmiRouter.refuse,
  apiGroups: ['split.smi-spec.io'],
  telemetry: [LINKERD, OSM],
  aliases: { linkerd: 'linkerd', osm: 'osm' },
  // Which data plane stands behind TrafficSplits is only a guess: Linkerd unless OSM is there.
  chooseTelemetry: apiGroups =>
    apiGroups.some(group => group.endsWith('.openservicemesh.io'))
      ? 'osm'
      : 'linkerd',
};
