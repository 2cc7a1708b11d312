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
  // KEDA's ScaledObject, for Canaries whose autoscalerRef names one. No KEDA operator runs in the
  // lab: the API server stores ScaledObjects (and the engine's primary copies), nothing scales by them.
  { group: 'keda.sh', kind: 'ScaledObject', plural: 'scaledobjects', shortNames: ['so'], versions: ['v1alpha1'], status: true },
  // Flagger and Argo Rollouts, for portal views of rollouts other controllers drive
  { group: 'flagger.app', kind: 'Canary', plural: 'canaries', shortNames: ['canary'], versions: ['v1beta1'], status: true },
  { group: 'flagger.app', kind: 'MetricTemplate', plural: 'metrictemplates', versions: ['v1beta1'], status: true },
  { group: 'argoproj.io', kind: 'Rollout', plural: 'rollouts', shortNames: ['ro'], versions: ['v1alpha1'], status: true },
  // As Argo's own CRD: no status subresource, the controller writes an AnalysisRun whole.
  { group: 'argoproj.io', kind: 'AnalysisRun', plural: 'analysisruns', shortNames: ['ar'], versions: ['v1alpha1'] },
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
            properties: { spec: OPEN_OBJECT, status: OPEN_OBJECT },
          },
        },
      })),
    },
  })) as KubernetesObject[];
}
