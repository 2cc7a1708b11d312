import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  V1Namespace,
  V1Pod,
  V1Service,
} from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningInformer, startInformer } from '../cluster/startInformer';
import { canonicalHost, serviceOfHost } from './canonicalHost';
import { findGatewayEntrance } from './findGatewayEntrance';
import type { GatewayEntrance } from './GatewayEntrance';
import { applyResponseHeaders } from './applyResponseHeaders';
import { matchRequest } from './matchRequest';
import { MeshMetrics } from './MeshMetrics';
import { DestinationRuleLike } from './parseVirtualService';
import { pickWeighted } from './pickWeighted';
import { resolveEastWest } from './resolveEastWest';
import { resolveNorthSouth } from './resolveNorthSouth';
import { RouteBackend, RouteTable, SimRequest } from './RouteTable';
import { ReadyPodInfo, RoutingObjects } from './RoutingObjects';
import { BackendBehaviour, behaviourOf, simulateResponse } from './simulateResponse';

/**
 * Identical requests, sent either from inside the mesh (east-west) or to a gateway
 * (north-south). The Host header is `headers.host` if set, else `host`, else (at a gateway) the
 * gateway's address, as `hey http://$INGRESS_IP/` sends it.
 */
export interface TrafficBatch extends SimRequest {
  /**
   * East-west: where the client sends it, `podinfo`, `podinfo.test`,
   * `podinfo.test.svc.cluster.local` or a hostname a route claims. A host naming a gateway's
   * Service (`istio-ingressgateway.istio-system`) enters that gateway, as such a request does.
   * With `gateway`: the Host header.
   */
  host?: string;
  /**
   * Enter at this gateway, `namespace/name`: an Istio gateway's Service
   * (`istio-system/istio-ingressgateway`) or a Gateway API Gateway (see findGatewayEntrance).
   * An unknown gateway is an error.
   */
  gateway?: string;
  /** The client's namespace (short hosts resolve in it). */
  namespace: string;
  /** Who sends it (east-west; at a gateway the gateway's proxy reports the hop). */
  source?: { workload: string; namespace: string };
  count: number;
}

export interface BatchResult {
  route?: RouteTable['source'];
  /** The gateway the requests entered at, `namespace/name`, if they came from outside. */
  gateway?: string;
  codes: Record<string, number>;
  /** Answers by the workload (Deployment) of the pod that gave them; mirrored copies not counted. */
  served: Record<string, number>;
  /**
   * The headers of the last answer, as the routes that carried it set them (VirtualService
   * `headers.response`, Gateway API ResponseHeaderModifier), names lower-case: a client sending
   * one request at a time reads its cookies here. Empty when no backend answered.
   */
  responseHeaders: Array<[string, string]>;
}

interface ReadyPod extends ReadyPodInfo {
  podTemplateHash?: string;
  behaviour: BackendBehaviour;
}

// Routing objects the data plane follows. The API server lists every stored object at the
// version asked for, so Istio objects written as v1alpha3 or v1 are read here too.
const ROUTING_KINDS = {
  virtualServices: { group: 'networking.istio.io', version: 'v1beta1', plural: 'virtualservices' },
  destinationRules: { group: 'networking.istio.io', version: 'v1beta1', plural: 'destinationrules' },
  istioGateways: { group: 'networking.istio.io', version: 'v1beta1', plural: 'gateways' },
  httpRoutes: { group: 'gateway.networking.k8s.io', version: 'v1beta1', plural: 'httproutes' },
  gateways: { group: 'gateway.networking.k8s.io', version: 'v1beta1', plural: 'gateways' },
  trafficSplits: { group: 'split.smi-spec.io', version: 'v1alpha2', plural: 'trafficsplits' },
  glooVirtualServices: { group: 'gateway.solo.io', version: 'v1', plural: 'virtualservices' },
  glooRouteTables: { group: 'gateway.solo.io', version: 'v1', plural: 'routetables' },
  glooUpstreams: { group: 'gloo.solo.io', version: 'v1', plural: 'upstreams' },
  ingressRoutes: { group: 'traefik.io', version: 'v1alpha1', plural: 'ingressroutes' },
  traefikServices: { group: 'traefik.io', version: 'v1alpha1', plural: 'traefikservices' },
  appMeshVirtualServices: { group: 'appmesh.k8s.aws', version: 'v1beta2', plural: 'virtualservices' },
  appMeshVirtualRouters: { group: 'appmesh.k8s.aws', version: 'v1beta2', plural: 'virtualrouters' },
  appMeshVirtualNodes: { group: 'appmesh.k8s.aws', version: 'v1beta2', plural: 'virtualnodes' },
  kumaTrafficRoutes: { group: 'kuma.io', version: 'v1alpha1', plural: 'trafficroutes' },
  serviceRouters: { group: 'consul.hashicorp.com', version: 'v1alpha1', plural: 'servicerouters' },
  serviceSplitters: { group: 'consul.hashicorp.com', version: 'v1alpha1', plural: 'servicesplitters' },
  serviceResolvers: { group: 'consul.hashicorp.com', version: 'v1alpha1', plural: 'serviceresolvers' },
  serviceDefaults: { group: 'consul.hashicorp.com', version: 'v1alpha1', plural: 'servicedefaults' },
  proxyDefaults: { group: 'consul.hashicorp.com', version: 'v1alpha1', plural: 'proxydefaults' },
  ingresses: { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses' },
  ingressClasses: { group: 'networking.k8s.io', version: 'v1', plural: 'ingressclasses' },
  httpProxies: { group: 'projectcontour.io', version: 'v1', plural: 'httpproxies' },
} as const;

/** A gateway that cannot take a request: unknown, or not a gateway at all. */
export class UnknownGatewayError extends Error {}

/**
 * The simulated mesh: resolves each simulated request through the routing objects it watches
 * in the API server, as the meshes do at their gateways (north-south: resolveNorthSouth) and
 * in their sidecars (east-west: resolveEastWest), lets a ready pod of the chosen backend answer
 * as its annotations say, and records the answer in every mesh's metric format on a /metrics
 * endpoint for Prometheus.
 */
export class MeshDataPlane {
  readonly metrics = new MeshMetrics();
  private informers: Record<string, RunningInformer<any>> = {};
  // Routing decisions and gateway lookups, kept until a routing object, Service or pod changes.
  private routeCache = new Map<string, RouteTable | null>();
  private gatewayCache = new Map<string, GatewayEntrance | { error: string }>();
  private snapshot?: RoutingObjects;
  private podCache = new Map<string, ReadyPod[]>();
  private server?: http.Server;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;

  /**
   * @param imageBehaviours how pods running a given image answer (e.g. a "faulty" podinfo tag),
   *   so that `kubectl set image` alone can deploy a bad version; annotations still win.
   */
  constructor(
    private readonly kc: KubeConfig,
    private readonly imageBehaviours: Record<string, Partial<BackendBehaviour>> = {},
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  async start(): Promise<void> {
    const routesChanged = () => {
      this.routeCache.clear();
      this.gatewayCache.clear();
      this.snapshot = undefined;
    };
    // Gateway entrances depend on their pods' labels and readiness.
    const podsChanged = () => {
      this.podCache.clear();
      routesChanged();
    };
    this.informers.services = startInformer<V1Service>(
      this.kc,
      '/api/v1/services',
      () => this.core.listServiceForAllNamespaces(),
      podsChanged,
    );
    this.informers.pods = startInformer<V1Pod>(
      this.kc,
      '/api/v1/pods',
      () => this.core.listPodForAllNamespaces(),
      podsChanged,
    );
    // Namespace labels decide which routes a Gateway listener admits (allowedRoutes Selector).
    this.informers.namespaces = startInformer<V1Namespace>(
      this.kc,
      '/api/v1/namespaces',
      () => this.core.listNamespace(),
      routesChanged,
    );
    for (const [key, kind] of Object.entries(ROUTING_KINDS)) {
      this.informers[key] = startInformer<KubernetesObject>(
        this.kc,
        `/apis/${kind.group}/${kind.version}/${kind.plural}`,
        () =>
          this.custom.listClusterCustomObject(kind) as Promise<
            KubernetesListObject<KubernetesObject>
          >,
        routesChanged,
      );
    }
    await Promise.all(Object.values(this.informers).map(i => i.synced));
  }

  /** Serves /metrics on 127.0.0.1 (a free port unless given); returns host:port for Prometheus. */
  async listen(port = 0): Promise<string> {
    this.server = http.createServer(async (req, res) => {
      if (req.url === '/metrics') {
        res.setHeader('Content-Type', this.metrics.registry.contentType);
        res.end(await this.metrics.exposition());
      } else {
        res.statusCode = 404;
        res.end('mesh-lab data plane: only /metrics here\n');
      }
    });
    await new Promise<void>(resolve => this.server!.listen(port, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.informers).map(i => i.stop()));
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise(resolve => this.server!.close(resolve));
    }
  }

  /** Sends `count` identical requests, from inside the mesh or through a gateway. */
  send(batch: TrafficBatch): BatchResult {
    let entrance: GatewayEntrance | undefined;
    if (batch.gateway) {
      const found = this.findGateway(batch.gateway);
      if ('error' in found) throw new UnknownGatewayError(found.error);
      entrance = found;
    } else if (!batch.host) {
      throw new Error('A request needs a host (east-west) or a gateway (north-south)');
    } else {
      entrance = this.gatewayAddressedBy(batch.host, batch.namespace);
    }
    const hostHeader = batch.headers.host ?? batch.host ?? entrance!.address;
    const codes: Record<string, number> = {};
    const counted = (code: string | number) => (batch.count > 0 ? { [code]: batch.count } : {});

    let table: RouteTable | undefined;
    let authority: string;
    let source: { workload: string; namespace: string; pod?: string };
    if (entrance) {
      // No Ready gateway pod: nothing accepts the connection, and no proxy reports it.
      if (!entrance.proxy) return { gateway: entrance.ref, codes: counted(503), served: {}, responseHeaders: [] };
      authority = hostOfHeader(hostHeader);
      table = this.routeFor(authority, { gateway: entrance.ref });
      source = { workload: entrance.proxy.workload, namespace: entrance.proxy.namespace, pod: entrance.proxy.pod };
    } else {
      authority = canonicalHost(hostHeader, batch.namespace);
      table = this.routeFor(hostHeader, { namespace: batch.namespace });
      source = batch.source ?? { workload: 'mesh-lab-load', namespace: batch.namespace };
    }
    const gateway = entrance?.ref;
    const nothing = { served: {}, responseHeaders: [] };
    // Nothing routes this host: Envoy answers 404 (response flag NR) and no backend sees it. At a
    // gateway the client gets that 404; inside the mesh NR says no Service or route claims it.
    if (!table) return { gateway, codes: counted(entrance ? 404 : 'NR'), ...nothing };
    if (batch.count <= 0) return { route: table.source, gateway, codes, ...nothing };
    const rule = table.rules.find(r => matchRequest(r.matches, batch));
    const route = routeLabel(batch.path);
    const served: Record<string, number> = {};
    let responseHeaders: Array<[string, string]> = [];
    for (let i = 0; i < batch.count; i++) {
      const backend = rule ? pickWeighted(rule.backends) : undefined;
      // No matching rule or all weights zero: Envoy answers 404 / 503 itself, no backend sees it.
      let code = rule ? 503 : 404;
      responseHeaders = [];
      if (backend) {
        const answer = this.serve(backend, authority, source, batch, route);
        code = answer.code;
        // An answer from a pod carries the route's headers; without a Ready pod Envoy answers
        // 503 itself.
        if (answer.workload) {
          served[answer.workload] = (served[answer.workload] ?? 0) + 1;
          responseHeaders = applyResponseHeaders([], [backend.responseHeaders, rule!.responseHeaders]);
        }
      }
      codes[code] = (codes[code] ?? 0) + 1;
      if (rule?.mirror && Math.random() * 100 < rule.mirror.percent) {
        // Shadowed requests are fire-and-forget: recorded by the mirror's proxy, answer dropped.
        this.serve(rule.mirror.backend, authority, source, batch, route);
      }
    }
    return { route: table.source, gateway, codes, served, responseHeaders };
  }

  /**
   * The routing table in force for a host (exposed for status and tests): east-west from a
   * client in `namespace` (default: the host's own namespace), or at `gateway` for that Host.
   */
  routeFor(host: string, from: { gateway?: string; namespace?: string } = {}): RouteTable | undefined {
    const clientNamespace = from.namespace ?? serviceOfHost(canonicalHost(host, 'default'))?.namespace ?? 'default';
    const key = from.gateway ? `north-south ${from.gateway} ${host}` : `east-west ${clientNamespace} ${host}`;
    let table = this.routeCache.get(key);
    if (table === undefined) {
      if (from.gateway) {
        const entrance = this.findGateway(from.gateway);
        table = 'error' in entrance ? null : resolveNorthSouth(entrance, hostOfHeader(host), this.objects()) ?? null;
      } else {
        table = resolveEastWest(host, clientNamespace, this.objects()) ?? null;
      }
      this.routeCache.set(key, table);
    }
    return table ?? undefined;
  }

  /**
   * The gateway `namespace/name` names (an Istio gateway's Service or a Gateway API Gateway),
   * or why there is none; what `send({gateway})`, `PUT /loads` and `mesh-lab load --gateway`
   * accept.
   */
  findGateway(ref: string): GatewayEntrance | { error: string } {
    let found = this.gatewayCache.get(ref);
    if (!found) {
      found = findGatewayEntrance(ref, this.objects());
      this.gatewayCache.set(ref, found);
    }
    return found;
  }

  /** The gateway a host addresses when it names a gateway's Service, e.g. `istio-ingressgateway.istio-system`. */
  private gatewayAddressedBy(host: string, namespace: string): GatewayEntrance | undefined {
    const svc = serviceOfHost(canonicalHost(host, namespace));
    if (!svc || !this.informers.services.cache.get(svc.service, svc.namespace)) return undefined;
    const found = this.findGateway(`${svc.namespace}/${svc.service}`);
    return 'error' in found ? undefined : found;
  }

  /** The informer caches as routing decisions read them, built once per change. */
  private objects(): RoutingObjects {
    if (this.snapshot) return this.snapshot;
    const byAge = <T extends KubernetesObject>(list: readonly T[]): T[] =>
      [...list].sort(
        (a, b) =>
          String(a.metadata?.creationTimestamp ?? '').localeCompare(String(b.metadata?.creationTimestamp ?? '')) ||
          `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`),
      );
    const list = (key: keyof typeof ROUTING_KINDS) => byAge(this.informers[key].cache.list() as KubernetesObject[]);
    this.snapshot = {
      virtualServices: list('virtualServices'),
      httpRoutes: list('httpRoutes'),
      trafficSplits: list('trafficSplits'),
      istioGateways: list('istioGateways'),
      gateways: list('gateways'),
      appMesh: {
        virtualServices: list('appMeshVirtualServices'),
        virtualRouters: list('appMeshVirtualRouters'),
        virtualNodes: list('appMeshVirtualNodes'),
      },
      kumaTrafficRoutes: list('kumaTrafficRoutes'),
      consul: {
        serviceRouters: list('serviceRouters'),
        serviceSplitters: list('serviceSplitters'),
        serviceResolvers: list('serviceResolvers'),
        serviceDefaults: list('serviceDefaults'),
        proxyDefaults: list('proxyDefaults'),
      },
      ingresses: list('ingresses'),
      ingressClasses: list('ingressClasses'),
      httpProxies: list('httpProxies'),
      destinationRules: namespace =>
        this.informers.destinationRules.cache.list(namespace) as DestinationRuleLike[],
      service: (namespace, name) => this.informers.services.cache.get(name, namespace) as V1Service | undefined,
      readyPods: (namespace, selector): ReadyPodInfo[] =>
        Object.keys(selector ?? {}).length === 0 ? [] : this.readyPodsSelected(namespace, selector!),
      namespaceLabels: namespace =>
        (this.informers.namespaces.cache.get(namespace) as V1Namespace | undefined)?.metadata?.labels ?? {},
      glooVirtualServices: list('glooVirtualServices'),
      glooRouteTables: list('glooRouteTables'),
      glooUpstreams: list('glooUpstreams'),
      ingressRoutes: list('ingressRoutes'),
      traefikServices: list('traefikServices'),
    };
    return this.snapshot;
  }

  private serve(
    backend: RouteBackend,
    authority: string,
    source: { workload: string; namespace: string; pod?: string },
    request: SimRequest,
    route: string,
  ): { code: number; workload?: string } {
    const service = this.informers.services.cache.get(backend.service, backend.namespace) as
      | V1Service
      | undefined;
    const port = backend.port ?? service?.spec?.ports?.[0]?.port ?? 80;
    const pods = service ? this.readyPods(service, backend) : [];
    const pod = pods.length ? pods[Math.floor(Math.random() * pods.length)] : undefined;
    const answer = pod
      ? simulateResponse(pod.behaviour, request.path)
      : { code: 503, latencyMs: 0.2 };
    this.metrics.record({
      source,
      authority,
      destination: {
        service: backend.service,
        namespace: backend.namespace,
        port,
        workload: pod?.workload,
        pod: pod?.name,
        podTemplateHash: pod?.podTemplateHash,
        app: pod?.labels.app ?? pod?.labels['app.kubernetes.io/name'],
        version: pod?.labels.version,
      },
      code: answer.code,
      latencyMs: answer.latencyMs,
      method: request.method,
      route,
      ...(backend.envoyClusterName ? { envoyCluster: backend.envoyClusterName } : {}),
      ...(backend.traefikServiceName ? { traefikService: backend.traefikServiceName } : {}),
      ...(backend.nginx ? { nginx: backend.nginx } : {}),
    });
    return { code: answer.code, workload: pod?.workload };
  }

  private imageBehaviourOf(pod: V1Pod): Partial<BackendBehaviour> {
    return Object.assign({}, ...(pod.spec?.containers ?? []).map(c => this.imageBehaviours[c.image ?? ''] ?? {}));
  }

  private readyPods(service: V1Service, backend: RouteBackend): ReadyPod[] {
    // A Service without selector has no endpoints the lab knows of.
    if (Object.keys(service.spec?.selector ?? {}).length === 0) return [];
    return this.readyPodsSelected(backend.namespace, { ...service.spec?.selector, ...backend.subsetLabels });
  }

  private readyPodsSelected(namespace: string, selector: Record<string, string>): ReadyPod[] {
    const key = `${namespace}/${JSON.stringify(selector)}`;
    let pods = this.podCache.get(key);
    if (pods) return pods;
    pods = (this.informers.pods.cache.list(namespace) as V1Pod[])
      .filter(
        p =>
          !p.metadata?.deletionTimestamp &&
          p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') &&
          Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v),
      )
      .map(p => ({
        name: p.metadata!.name!,
        labels: p.metadata?.labels ?? {},
        workload: workloadOf(p),
        podTemplateHash: p.metadata?.labels?.['pod-template-hash'],
        behaviour: behaviourOf(p.metadata?.annotations, this.imageBehaviourOf(p)),
      }));
    this.podCache.set(key, pods);
    return pods;
  }
}

/** A Host header as routes match it: lower-case, without port or trailing dot. */
function hostOfHeader(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** The Deployment (or other owner) a pod belongs to, as the meshes' telemetry names it. */
function workloadOf(pod: V1Pod): string {
  const owner = pod.metadata?.ownerReferences?.find(o => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner) return pod.metadata!.name!;
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return owner.name.slice(0, -(hash.length + 1));
  }
  return owner.name;
}

/** podinfo labels its request metrics by route, not by raw path. */
function routeLabel(path: string): string {
  const first = path.split('?')[0].split('/')[1];
  return first ? first : 'root';
}
