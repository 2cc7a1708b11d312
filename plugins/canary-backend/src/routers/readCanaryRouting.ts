import type { Canary } from '@vane/plugin-canary-common';

/** What every router reads from a Canary, read defensively: the spec may come straight from the cluster. */
export interface CanaryRouting {
  namespace: string;
  /** The Canary's `namespace/name`, for messages. */
  id: string;
  /** `<name>`, `<name>-primary`, `<name>-canary`: the three Services the engine creates. */
  apexName: string;
  primaryName: string;
  canaryName: string;
  port: number;
  hosts: string[];
  gateways: string[];
  gatewayRefs: Array<Record<string, unknown>>;
  /** `spec.service.match`: Istio HTTPMatchRequests every route keeps (URI prefixes, ...). */
  serviceMatch: Array<Record<string, unknown>>;
  /** `spec.analysis.match`: Istio HTTPMatchRequests that send a request to the canary (A/B). */
  analysisMatch: Array<Record<string, unknown>>;
  mirror: boolean;
  /** `analysis.mirrorWeight`, the percentage of traffic mirrored; undefined mirrors all of it. */
  mirrorWeight?: number;
  iterations?: number;
  /** Whether the analysis shifts weight step by step (the canary strategy). */
  progressive: boolean;
  /** `spec.analysis.steps` as written (Argo Rollouts' steps), for the refusals of each router. */
  steps: Array<Record<string, unknown>>;
  sessionAffinity: boolean;
  /** Istio HTTPRoute fields Flagger copies from `spec.service` to every route. */
  istioRouteFields: Record<string, unknown>;
  /** The route options of `spec.service` as written, for the routers that translate them. */
  routeOptions: {
    timeout?: string;
    backendTimeout?: string;
    headers?: Record<string, unknown>;
    rewrite?: Record<string, unknown>;
    corsPolicy?: Record<string, unknown>;
  };
  /** `spec.service.delegation`: an Istio delegate VirtualService, without hosts and gateways. */
  delegation: boolean;
  /** `spec.service.portDiscovery`: the Services carry more ports than `port`. */
  portDiscovery: boolean;
  /** `spec.service.apex`: labels and annotations of the apex's routing object too, as in Flagger. */
  apexMetadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  /** `spec.service.trafficPolicy`, copied to both DestinationRules. */
  trafficPolicy?: Record<string, unknown>;
}

const ISTIO_ROUTE_FIELDS = [
  'rewrite',
  'timeout',
  'retries',
  'corsPolicy',
  'headers',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== '')
    : [];
}

/**
 * Reads the routing-related fields of a Canary, with Flagger's defaults, tolerating missing or
 * malformed optional fields; the schema in canary-common is where invalid specs are reported.
 */
export function readCanaryRouting(canary: Canary): CanaryRouting {
  const spec = (isRecord(canary.spec) ? canary.spec : {}) as Record<
    string,
    unknown
  >;
  const service = isRecord(spec.service) ? spec.service : {};
  const targetRef = isRecord(spec.targetRef) ? spec.targetRef : {};
  // Flagger's older manifests call the analysis `canaryAnalysis`.
  const analysis = [spec.analysis, spec.canaryAnalysis, {}].find(isRecord)!;
  const namespace = canary.metadata.namespace;
  const apexName =
    typeof service.name === 'string' && service.name !== ''
      ? service.name
      : String(targetRef.name ?? canary.metadata.name);
  const port = Number(service.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `Canary ${namespace}/${
        canary.metadata.name
      }: spec.service.port must be a port number between 1 and 65535 (got ${String(
        service.port,
      )})`,
    );
  }

  const istioRouteFields: Record<string, unknown> = {};
  for (const field of ISTIO_ROUTE_FIELDS) {
    if (service[field] !== undefined && service[field] !== null) {
      istioRouteFields[field] = service[field];
    }
  }
  if (isRecord(service.rewrite)) {
    // Istio's HTTPRewrite has no type (a Gateway API path modifier); Flagger copies uri and authority.
    const rewrite = { ...service.rewrite };
    delete rewrite.type;
    istioRouteFields.rewrite = rewrite;
  }
  const text = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const record = (value: unknown) => (isRecord(value) ? value : undefined);
  const stringRecord = (value: unknown) =>
    isRecord(value)
      ? (Object.fromEntries(
          Object.entries(value).filter(([, v]) => typeof v === 'string'),
        ) as Record<string, string>)
      : undefined;
  const apex = record(service.apex);
  const iterations =
    typeof analysis.iterations === 'number' ? analysis.iterations : undefined;
  const mirrorWeight =
    typeof analysis.mirrorWeight === 'number' && analysis.mirrorWeight > 0
      ? analysis.mirrorWeight
      : undefined;
  const stepWeights = Array.isArray(analysis.stepWeights)
    ? analysis.stepWeights
    : [];

  return {
    namespace,
    id: `${namespace}/${canary.metadata.name}`,
    apexName,
    primaryName: `${apexName}-primary`,
    canaryName: `${apexName}-canary`,
    port,
    hosts: strings(service.hosts),
    gateways: strings(service.gateways),
    gatewayRefs: records(service.gatewayRefs),
    serviceMatch: records(service.match),
    analysisMatch: records(analysis.match),
    mirror: analysis.mirror === true,
    mirrorWeight,
    iterations,
    progressive:
      iterations === undefined &&
      (typeof analysis.stepWeight === 'number' || stepWeights.length > 0),
    steps: records(analysis.steps),
    sessionAffinity: isRecord(analysis.sessionAffinity),
    istioRouteFields,
    routeOptions: {
      timeout: text(service.timeout),
      backendTimeout: text(service.backendTimeout),
      headers: record(service.headers),
      rewrite: record(service.rewrite),
      corsPolicy: record(service.corsPolicy),
    },
    delegation: service.delegation === true,
    portDiscovery: service.portDiscovery === true,
    apexMetadata: apex
      ? {
          labels: stringRecord(apex.labels),
          annotations: stringRecord(apex.annotations),
        }
      : undefined,
    trafficPolicy: isRecord(service.trafficPolicy)
      ? service.trafficPolicy
      : undefined,
  };
}
