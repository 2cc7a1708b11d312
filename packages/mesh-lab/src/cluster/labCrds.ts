import type { KubernetesObject } from '@kubernetes/client-node';

interface CrdSpec {
  group: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  /** Served versions; the first is the storage version. */
  versions: string[];
  scope?: 'Namespaced' | 'Cluster';
  status?: boolean;
  /** Top-level fields beside spec and status (Kuma's policies carry `mesh` there). */
  fields?: Record<string, unknown>;
}

// The lab validates nothing inside spec/status: it stands in for clusters where these CRDs are
// installed by their projects, and the engine (not the API server) owns what goes in them.
// The schema is still structural, as apiextensions.k8s.io/v1 requires.
const OPEN_OBJECT = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const CRDS: CrdSpec[] = [
  // Istio networking
  { group: 'networking.istio.io', kind: 'VirtualService', plural: 'virtualservices', shortNames: ['vs'], versions: ['v1beta1', 'v1alpha3', 'v1'] },
  { group: 'networking.istio.io', kind: 'DestinationRule', plural: 'destinationrules', shortNames: ['dr'], versions: ['v1beta1', 'v1alpha3', 'v1'] },
  { group: 'networking.istio.io', kind: 'Gateway', plural: 'gateways', shortNames: ['gw'], versions: ['v1beta1', 'v1alpha3', 'v1'] },
  // Gateway API
  { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', plural: 'httproutes', versions: ['v1beta1', 'v1'], status: true },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', plural: 'gateways', shortNames: ['gtw'], versions: ['v1beta1', 'v1'], status: true },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass', plural: 'gatewayclasses', shortNames: ['gc'], versions: ['v1beta1', 'v1'], scope: 'Cluster', status: true },
  // Contour
  { group: 'projectcontour.io', kind: 'HTTPProxy', plural: 'httpproxies', shortNames: ['proxy', 'proxies'], versions: ['v1'], status: true },
  // SMI
  { group: 'split.smi-spec.io', kind: 'TrafficSplit', plural: 'trafficsplits', shortNames: ['ts'], versions: ['v1alpha2', 'v1alpha1', 'v1alpha3', 'v1alpha4'] },
  // Gloo Edge (no short names: Gloo's `vs` would shadow Istio's in kubectl)
  { group: 'gateway.solo.io', kind: 'VirtualService', plural: 'virtualservices', versions: ['v1'] },
  { group: 'gateway.solo.io', kind: 'RouteTable', plural: 'routetables', versions: ['v1'] },
  { group: 'gloo.solo.io', kind: 'Upstream', plural: 'upstreams', versions: ['v1'] },
  // Traefik
  { group: 'traefik.io', kind: 'IngressRoute', plural: 'ingressroutes', versions: ['v1alpha1'] },
  { group: 'traefik.io', kind: 'TraefikService', plural: 'traefikservices', versions: ['v1alpha1'] },
  // Consul service mesh: consul-k8s's config entry CRDs (its controller syncs them to Consul)
  { group: 'consul.hashicorp.com', kind: 'ServiceRouter', plural: 'servicerouters', shortNames: ['service-router'], versions: ['v1alpha1'], status: true },
  { group: 'consul.hashicorp.com', kind: 'ServiceSplitter', plural: 'servicesplitters', shortNames: ['service-splitter'], versions: ['v1alpha1'], status: true },
  { group: 'consul.hashicorp.com', kind: 'ServiceResolver', plural: 'serviceresolvers', shortNames: ['service-resolver'], versions: ['v1alpha1'], status: true },
  { group: 'consul.hashicorp.com', kind: 'ServiceDefaults', plural: 'servicedefaults', shortNames: ['service-defaults'], versions: ['v1alpha1'], status: true },
  { group: 'consul.hashicorp.com', kind: 'ProxyDefaults', plural: 'proxydefaults', shortNames: ['proxy-defaults'], versions: ['v1alpha1'], status: true },
  // KEDA's ScaledObject, for Canaries whose autoscalerRef names one. No KEDA operator runs in the
  // lab: the API server stores ScaledObjects (and the engine's primary copies), nothing scales by them.
  { group: 'keda.sh', kind: 'ScaledObject', plural: 'scaledobjects', shortNames: ['so'], versions: ['v1alpha1'], status: true },
  // Flagger and Argo Rollouts, for portal views of rollouts other controllers drive
  { group: 'flagger.app', kind: 'Canary', plural: 'canaries', shortNames: ['canary'], versions: ['v1beta1'], status: true },
  { group: 'flagger.app', kind: 'MetricTemplate', plural: 'metrictemplates', versions: ['v1beta1'], status: true },
  { group: 'argoproj.io', kind: 'Rollout', plural: 'rollouts', shortNames: ['ro'], versions: ['v1alpha1'], status: true },
  // As Argo's own CRD: no status subresource, the controller writes an AnalysisRun whole.
  { group: 'argoproj.io', kind: 'AnalysisRun', plural: 'analysisruns', shortNames: ['ar'], versions: ['v1alpha1'] },
  // AWS App Mesh (its controller's v1beta2 API); the Mesh is cluster-scoped, the rest namespaced.
  { group: 'appmesh.k8s.aws', kind: 'Mesh', plural: 'meshes', versions: ['v1beta2'], scope: 'Cluster', status: true },
  { group: 'appmesh.k8s.aws', kind: 'VirtualNode', plural: 'virtualnodes', versions: ['v1beta2'], status: true },
  { group: 'appmesh.k8s.aws', kind: 'VirtualRouter', plural: 'virtualrouters', versions: ['v1beta2'], status: true },
  { group: 'appmesh.k8s.aws', kind: 'VirtualService', plural: 'virtualservices', versions: ['v1beta2'], status: true },
  // Kuma: its policies are cluster-scoped and name their mesh in a top-level `mesh` field.
  { group: 'kuma.io', kind: 'Mesh', plural: 'meshes', versions: ['v1alpha1'], scope: 'Cluster' },
  { group: 'kuma.io', kind: 'TrafficRoute', plural: 'trafficroutes', versions: ['v1alpha1'], scope: 'Cluster', fields: { mesh: { type: 'string' } } },
];

/** The third-party CRDs every lab serves: the meshes' routing APIs, KEDA's ScaledObject, Flagger and Argo Rollouts. */
export function labCrds(): KubernetesObject[] {
  return CRDS.map(crd => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${crd.plural}.${crd.group}`,
      // *.k8s.io groups are protected; the real Gateway API CRDs carry this approval.
      ...(crd.group.endsWith('.k8s.io')
        ? { annotations: { 'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/1538' } }
        : {}),
    },
    spec: {
      group: crd.group,
      scope: crd.scope ?? 'Namespaced',
      names: {
        kind: crd.kind,
        plural: crd.plural,
        singular: crd.kind.toLowerCase(),
        listKind: `${crd.kind}List`,
        ...(crd.shortNames ? { shortNames: crd.shortNames } : {}),
      },
      versions: crd.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        ...(crd.status ? { subresources: { status: {} } } : {}),
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { ...crd.fields, spec: OPEN_OBJECT, status: OPEN_OBJECT },
          },
        },
      })),
    },
  })) as KubernetesObject[];
}
