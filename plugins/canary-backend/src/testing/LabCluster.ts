import type { Lab } from '@vane/mesh-lab';
import { kubeConfigConnection } from '../cluster/ClusterConnection';
import {
  KubernetesApiError,
  KubernetesHttpClient,
} from '../cluster/KubernetesHttpClient';

/** What the lab tests do to and read from the lab's API server, as a cluster admin would. */
export class LabCluster {
  readonly client: KubernetesHttpClient;

  constructor(readonly lab: Lab) {
    this.client = new KubernetesHttpClient(
      kubeConfigConnection(lab.kubeConfig),
    );
  }

  async apply(object: any): Promise<void> {
    const path = collection(
      object.apiVersion,
      object.kind,
      object.metadata.namespace,
    );
    try {
      await this.client.request('POST', path, object);
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 409) {
        await this.client.request(
          'PATCH',
          `${path}/${object.metadata.name}`,
          object,
          'application/merge-patch+json',
        );
        return;
      }
      throw error;
    }
  }

  async patch(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
    patch: unknown,
  ) {
    await this.client.request(
      'PATCH',
      `${collection(apiVersion, kind, namespace)}/${name}`,
      patch,
      'application/merge-patch+json',
    );
  }

  /** A merge patch of `.status` through the status subresource, as a controller writes it. */
  async patchStatus(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
    status: Record<string, unknown>,
  ) {
    await this.client.request(
      'PATCH',
      `${collection(apiVersion, kind, namespace)}/${name}/status`,
      { status },
      'application/merge-patch+json',
    );
  }

  async get(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ): Promise<any | undefined> {
    try {
      return await this.client.request(
        'GET',
        `${collection(apiVersion, kind, namespace)}/${name}`,
      );
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** Deletes an object; one already gone is fine. */
  async delete(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ): Promise<void> {
    try {
      await this.client.request(
        'DELETE',
        `${collection(apiVersion, kind, namespace)}/${name}`,
      );
    } catch (error) {
      if (!(error instanceof KubernetesApiError && error.statusCode === 404)) {
        throw error;
      }
    }
  }

  /** The objects of a kind in a namespace. */
  async list(apiVersion: string, kind: string, namespace: string) {
    const list = await this.client.request(
      'GET',
      collection(apiVersion, kind, namespace),
    );
    return list.items as any[];
  }

  canary(namespace: string, name: string) {
    return this.get('delivery.vane.dev/v1alpha1', 'Canary', namespace, name);
  }

  /**
   * What `kubectl get <kind> -o wide` prints for the objects of a namespace, as the API server
   * renders it (its Table, from the CRD's printer columns): one row per object, cells by column.
   */
  async table(
    apiVersion: string,
    kind: string,
    namespace: string,
  ): Promise<Array<Record<string, unknown>>> {
    const table = JSON.parse(
      await this.client.getText(
        collection(apiVersion, kind, namespace),
        'application/json;as=Table;v=v1;g=meta.k8s.io',
      ),
    );
    return table.rows.map((row: { cells: unknown[] }) =>
      Object.fromEntries(
        table.columnDefinitions.map((column: { name: string }, i: number) => [
          column.name,
          row.cells[i],
        ]),
      ),
    );
  }

  deployment(namespace: string, name: string) {
    return this.get('apps/v1', 'Deployment', namespace, name);
  }
}

const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  Pod: 'pods',
  Deployment: 'deployments',
  DaemonSet: 'daemonsets',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Canary: 'canaries',
  MetricTemplate: 'metrictemplates',
  VirtualService: 'virtualservices',
  DestinationRule: 'destinationrules',
  // Istio's (networking.istio.io) and Gateway API's (gateway.networking.k8s.io) alike.
  Gateway: 'gateways',
  HTTPRoute: 'httproutes',
  TrafficSplit: 'trafficsplits',
  // networking.k8s.io (provider nginx) and Contour's projectcontour.io.
  Ingress: 'ingresses',
  HTTPProxy: 'httpproxies',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers',
  ScaledObject: 'scaledobjects',
  Lease: 'leases',
  Event: 'events',
  ReplicaSet: 'replicasets',
  // Argo Rollouts' (argoproj.io).
  Rollout: 'rollouts',
  AnalysisRun: 'analysisruns',
  // Gloo Edge's (gateway.solo.io, gloo.solo.io; VirtualService above) and Traefik's (traefik.io).
  RouteTable: 'routetables',
  Upstream: 'upstreams',
  IngressRoute: 'ingressroutes',
  TraefikService: 'traefikservices',
  // App Mesh's (appmesh.k8s.aws; its VirtualService shares Istio's plural) and Kuma's (kuma.io).
  VirtualNode: 'virtualnodes',
  VirtualRouter: 'virtualrouters',
  TrafficRoute: 'trafficroutes',
  // Consul's config entries (consul.hashicorp.com).
  ServiceRouter: 'servicerouters',
  ServiceSplitter: 'servicesplitters',
  ServiceResolver: 'serviceresolvers',
  ServiceDefaults: 'servicedefaults',
  ProxyDefaults: 'proxydefaults',
};

function collection(apiVersion: string, kind: string, namespace?: string) {
  const base = apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
  const plural = PLURALS[kind];
  if (!plural) throw new Error(`LabCluster does not know ${kind}`);
  return kind === 'Namespace' || !namespace
    ? `${base}/${plural}`
    : `${base}/namespaces/${namespace}/${plural}`;
}
