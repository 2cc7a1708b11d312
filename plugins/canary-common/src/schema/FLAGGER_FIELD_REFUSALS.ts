/**
 * Why Vane refuses a field of Flagger's v1beta1 Canary, keyed by the field's path below `spec`
 * (`[]` for any entry of a list, `=value` or `+field` when only that value or combination is
 * refused). Each message follows the field's path in a `Valid=False` condition, as in
 * `service.portDiscovery is not supported yet: ... (got true)`, and says why and what to do
 * instead. Those marked "not supported yet" are behaviour still to be built; the others are
 * behaviour Vane does not intend to have. The field table (plugins/canary-backend/docs/
 * flagger-fields.md) prints these same messages.
 *
 * @public
 */
export const FLAGGER_FIELD_REFUSALS = {
  metricsServer:
    "is not supported: Vane queries the Prometheus configured for the Canary's cluster (canary.clusters[].prometheus in app-config); remove it, and for a query against another Prometheus use a MetricTemplate with provider.address",
  'targetRef.kind=Service':
    'must be Deployment or DaemonSet: Knative Services (kind Service) are not supported, Vane has no knative provider',
  'targetRef.kind':
    'must be Deployment or DaemonSet: the workloads Vane releases',
  'autoscalerRef.kind':
    'must be HorizontalPodAutoscaler or ScaledObject (KEDA): the autoscalers Vane copies for the primary',
  'autoscalerRef+targetRef.kind=DaemonSet':
    'cannot be combined with a DaemonSet target: a DaemonSet runs one pod per node and has no replicas to scale; remove autoscalerRef',
  'autoscalerRef.primaryScalerQueries+HorizontalPodAutoscaler':
    "applies to a KEDA ScaledObject's triggers only, and a HorizontalPodAutoscaler has no queries; remove it",
  'ingressRef.apiVersion':
    'must be networking.k8s.io/v1: the Ingress API whose canary copy provider nginx writes, as in Flagger',
  'ingressRef.kind':
    'must be Ingress: provider nginx routes through a copy of the Ingress it names, as in Flagger',
  routeRef:
    'is not supported: it names the ApisixRoute of provider apisix, which Vane does not support; use another provider (nginx, contour, gloo, traefik and gatewayapi route at an ingress)',
  upstreamRef:
    "is not supported yet: Vane's gloo router does not copy a referenced Upstream's settings (TLS, circuit breakers, connection and load balancing settings) into the Upstreams it writes for the primary and canary; remove it",
  'canaryAnalysis+analysis':
    'cannot be combined with analysis: canaryAnalysis is the old name of analysis; keep one of them',
  'service.mirror':
    'is not supported yet: the HTTPRoute Vane writes mirrors to the canary only (analysis.mirror); remove it',
  'service.meshName':
    "is not supported: it names the mesh of Flagger's appmesh router for App Mesh v1beta1; Vane's appmesh writes v1beta2, where a namespace joins a mesh by the Mesh's namespaceSelector and App Mesh's controller sets each object's meshRef (Flagger's appmesh:v1beta2 ignores it too); label the namespace for its mesh, and remove it",
  'service.backends+provider':
    "applies to provider appmesh only: it lists the App Mesh virtual services (names or ARNs) the workload calls, written as its VirtualNodes' backends; set provider: appmesh, or remove it",
  'analysis.sessionAffinity+iterations':
    'applies to weight steps (stepWeight, stepWeights), not to iterations: A/B testing routes by analysis.match and blue/green moves all traffic at once, so a cookie would keep no one anywhere (Flagger sets none that matters there either); remove it, or release by weight steps',
  'analysis.mirror+match':
    'cannot be combined with analysis.match: A/B testing sends the matching requests themselves to the canary, so Flagger mirrors nothing there either; remove mirror',
  'analysis.maxWeight+iterations':
    'applies to weight steps (stepWeight, stepWeights), not to iterations; remove it',
  'analysis.metrics[].threshold+thresholdRange':
    'cannot be combined with thresholdRange: threshold is the old form of thresholdRange; remove it',
  'analysis.alerts[].providerRef.namespace':
    "is not supported: Vane's alert providers live in app-config (canary.alertProviders), not in a namespace; remove it and name the provider by providerRef.name",
} as const;

/**
 * Why Vane refuses a field of Flagger's MetricTemplate, keyed by its path below `spec`; as
 * FLAGGER_FIELD_REFUSALS.
 *
 * @public
 */
export const FLAGGER_METRIC_TEMPLATE_REFUSALS = {
  'provider.type':
    "must be prometheus: Vane queries Prometheus only (Flagger's influxdb, datadog, cloudwatch and other providers are not supported)",
  'provider.headers':
    'is not supported yet: Vane sends no extra headers to Prometheus; remove it',
  'provider.secretRef':
    "is not supported yet: Vane reads no Prometheus credentials from a Secret; remove it, or give the backend's Prometheus access another way",
  'provider.region':
    'is not supported: it is for the cloudwatch provider, which Vane does not support; remove it',
  'provider.insecureSkipVerify':
    'is not supported yet: Vane verifies the certificate of an https Prometheus; remove it',
} as const;

/**
 * A key of FLAGGER_FIELD_REFUSALS.
 *
 * @public
 */
export type FlaggerFieldRefusal = keyof typeof FLAGGER_FIELD_REFUSALS;
