import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { withLastMeasurements } from './withLastMeasurements';
import { withPodTemplateImages } from './withPodTemplateImages';

/** A resource kind the engine reads or writes, with where the API server serves it. */
export interface KubernetesResource {
  apiVersion: string;
  kind: string;
  plural: string;
  /** Watched by the cluster cache (reads come from it, never a GET per tick). */
  cached: boolean;
  /**
   * Cached without its data, as metadata and a digest of the data (`withDataDigest`): enough to
   * see a change; the data is read from the API server (`get`) only when the engine copies it.
   */
  cachedAsDigest?: boolean;
  /** Watch only the objects this field selector picks (Events: those about Canaries). */
  fieldSelector?: string;
  /** Watch only the objects this label selector picks (ReplicaSets: those Argo Rollouts made). */
  labelSelector?: string;
  /** Watched only in a cluster that also serves this group/version (its controller runs there). */
  alongside?: string;
  /** What the cache keeps of each object, when not all of it is read. */
  keep?: (object: KubernetesObjectLike) => KubernetesObjectLike;
}

/**
 * Every kind the engine touches. Cached kinds are watched cluster-wide; the engine's RBAC
 * (deploy/rbac.yaml) grants list/watch on exactly these, and get on those cached as digests.
 */
export const KUBERNETES_RESOURCES: readonly KubernetesResource[] = [
  {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    plural: 'canaries',
    cached: true,
  },
  {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'MetricTemplate',
    plural: 'metrictemplates',
    cached: true,
  },
  // Targets (targetRef.kind) and their <name>-primary copies.
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    plural: 'deployments',
    cached: true,
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    cached: true,
  },
  { apiVersion: 'v1', kind: 'Service', plural: 'services', cached: true },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    cached: true,
    cachedAsDigest: true,
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    cached: true,
    cachedAsDigest: true,
  },
  // spec.autoscalerRef and its <name>-primary copy. Listed newest first: the cache watches the
  // first version the cluster serves (autoscaling/v2 from Kubernetes 1.23, v2beta2 before and
  // up to 1.25); both have the same fields, so either reads and writes the same object.
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    cached: true,
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    cached: true,
  },
  // A KEDA ScaledObject as spec.autoscalerRef, and its <name>-primary copy: watched only where
  // KEDA's CRD is installed.
  {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    plural: 'scaledobjects',
    cached: true,
  },
  {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    plural: 'virtualservices',
    cached: true,
  },
  {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'DestinationRule',
    plural: 'destinationrules',
    cached: true,
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'HTTPRoute',
    plural: 'httproutes',
    cached: true,
  },
  {
    apiVersion: 'split.smi-spec.io/v1alpha2',
    kind: 'TrafficSplit',
    plural: 'trafficsplits',
    cached: true,
  },
  // Gloo Edge (provider gloo): the Upstreams of the primary and canary, and the RouteTable.
  {
    apiVersion: 'gloo.solo.io/v1',
    kind: 'Upstream',
    plural: 'upstreams',
    cached: true,
  },
  {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'RouteTable',
    plural: 'routetables',
    cached: true,
  },
  // Traefik (provider traefik): the weighted or mirroring TraefikService.
  {
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'TraefikService',
    plural: 'traefikservices',
    cached: true,
  },
  // App Mesh (meshes/appmesh): the Canary's VirtualNodes, VirtualRouters and VirtualServices.
  ...['VirtualNode', 'VirtualRouter', 'VirtualService'].map(kind => ({
    apiVersion: 'appmesh.k8s.aws/v1beta2',
    kind,
    plural: `${kind.toLowerCase()}s`,
    cached: true,
  })),
  // Kuma (meshes/kuma): the apex's TrafficRoute, cluster-scoped.
  {
    apiVersion: 'kuma.io/v1alpha1',
    kind: 'TrafficRoute',
    plural: 'trafficroutes',
    cached: true,
  },
  // Consul service mesh (consul-k8s config entry CRDs): the apex's ServiceSplitter and
  // ServiceRouter, and the ServiceDefaults that give its services their protocol.
  {
    apiVersion: 'consul.hashicorp.com/v1alpha1',
    kind: 'ServiceSplitter',
    plural: 'servicesplitters',
    cached: true,
  },
  {
    apiVersion: 'consul.hashicorp.com/v1alpha1',
    kind: 'ServiceRouter',
    plural: 'servicerouters',
    cached: true,
  },
  {
    apiVersion: 'consul.hashicorp.com/v1alpha1',
    kind: 'ServiceDefaults',
    plural: 'servicedefaults',
    cached: true,
  },
  // Provider nginx: the Ingress spec.ingressRef names (read) and its canary copy (written).
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    plural: 'ingresses',
    cached: true,
  },
  {
    apiVersion: 'projectcontour.io/v1',
    kind: 'HTTPProxy',
    plural: 'httpproxies',
    cached: true,
  },
  // The Events on Canaries, whoever wrote them, for the portal (RecentCanaryEvents): the field
  // selector keeps every other Event in the cluster out of the watch and the cache.
  {
    apiVersion: 'v1',
    kind: 'Event',
    plural: 'events',
    cached: true,
    fieldSelector: 'involvedObject.kind=Canary',
  },
  // Rollouts Vane does not drive, shown in the portal beside its own (src/readModel) and acted on
  // through the patches their controllers honour: watched where the cluster serves their CRDs.
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    plural: 'rollouts',
    cached: true,
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    plural: 'analysisruns',
    cached: true,
    keep: withLastMeasurements,
  },
  // The ReplicaSets Argo Rollouts made (it labels them with their pod template hash): the stable
  // version's images and the canary's available pods. Only theirs, and only their images.
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    cached: true,
    labelSelector: 'rollouts-pod-template-hash',
    alongside: 'argoproj.io/v1alpha1',
    keep: withPodTemplateImages,
  },
  {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    plural: 'canaries',
    cached: true,
  },
  {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    plural: 'leases',
    cached: false,
  },
];

/** The resource of a kind; throws for kinds the engine does not know. */
export function resourceOf(
  apiVersion: string,
  kind: string,
): KubernetesResource {
  const resource = KUBERNETES_RESOURCES.find(
    r => r.kind === kind && r.apiVersion === apiVersion,
  );
  if (!resource) {
    throw new Error(
      `The canary engine does not handle ${kind} (${apiVersion})`,
    );
  }
  return resource;
}

/** The API path of a resource collection, optionally in one namespace. */
export function collectionPath(
  resource: KubernetesResource,
  namespace?: string,
): string {
  const base = resource.apiVersion.includes('/')
    ? `/apis/${resource.apiVersion}`
    : `/api/${resource.apiVersion}`;
  return namespace
    ? `${base}/namespaces/${namespace}/${resource.plural}`
    : `${base}/${resource.plural}`;
}

/** The API path of one object. */
export function objectPath(ref: {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}): string {
  return `${collectionPath(
    resourceOf(ref.apiVersion, ref.kind),
    ref.namespace,
  )}/${ref.name}`;
}
