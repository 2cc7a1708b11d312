import type { MeshTelemetry } from '@vane/plugin-canary-node';

/**
 * Whose request metrics a Canary is measured with: the flavour's name (`istio`, `linkerd`,
 * `osm`, ...) and, when a registered mesh defines it, its telemetry. A provider a module adds
 * without telemetry has the name alone: its metrics need MetricTemplates, and health reads the
 * application's histogram.
 */
export interface MetricsFlavour {
  name: string;
  telemetry?: MeshTelemetry;
}
