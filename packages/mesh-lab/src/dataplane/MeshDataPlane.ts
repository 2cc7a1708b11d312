import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  V1Pod,
  V1Service,
} from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningInformer, startInformer } from '../cluster/startInformer';
import { canonicalHost, serviceOfHost } from './canonicalHost';
import { matchRequest } from './matchRequest';
import { MeshMetrics } from './MeshMetrics';
import { DestinationRuleLike, VirtualServiceLike, parseVirtualService } from './parseVirtualService';
import { HttpRouteLike, parseHttpRoute } from './parseHttpRoute';
import { TrafficSplitLike, parseTrafficSplit, trafficSplitApex } from './parseTrafficSplit';
import { pickWeighted } from './pickWeighted';
import { RouteBackend, RouteTable, SimRequest } from './RouteTable';
import { BackendBehaviour, behaviourOf, simulateResponse } from './simulateResponse';

/** Traffic addressed to a host, as a client inside the mesh sends it. */
export interface TrafficBatch extends SimRequest {
  /** Host the client calls: `podinfo`, `podinfo.test`, `podinfo.test.svc.cluster.local`, `app.example.com`. */
  host: string;
  /** The client's namespace (short hosts resolve in it). */
  namespace: string;
  source?: { workload: string; namespace: string };
  count: number;
}

export interface BatchResult {
  route?: RouteTable['source'];
  codes: Record<string, number>;
}

interface ReadyPod {
  name: string;
  labels: Record<string, string>;
  workload: string;
  podTemplateHash?: string;
  behaviour: BackendBehaviour;
}

// Routing objects the data plane follows, at the versions a rollout engine writes.
const ROUTING_KINDS = {
  virtualServices: { group: 'networking.istio.io', version: 'v1beta1', plural: 'virtualservices' },
  destinationRules: { group: 'networking.istio.io', version: 'v1beta1', plural: 'destinationrules' },
  httpRoutes: { group: 'gateway.networking.k8s.io', version: 'v1beta1', plural: 'httproutes' },
  trafficSplits: { group: 'split.smi-spec.io', version: 'v1alpha2', plural: 'trafficsplits' },
} as const;

/**
 * The simulated mesh: resolves each simulated request through the routing objects it watches
 * in the API server (VirtualService > HTTPRoute > TrafficSplit > the Service itself), lets a
 * ready pod of the chosen backend answer as its annotations say, and records the answer in
 * every mesh's metric format on a /metrics endpoint for Prometheus.
 */
export class MeshDataPlane {
  readonly metrics = new MeshMetrics();
  private informers: Record<string, RunningInformer<any>> = {};
  private routeCache = new Map<string, RouteTable | null>();
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
    const routesChanged = () => this.routeCache.clear();
    const podsChanged = () => this.podCache.clear();
    this.informers.services = startInformer<V1Service>(
      this.kc,
      '/api/v1/services',
      () => this.core.listServiceForAllNamespaces(),
      () => {
        routesChanged();
        podsChanged();
      },
    );
    this.informers.pods = startInformer<V1Pod>(
      this.kc,
      '/api/v1/pods',
      () => this.core.listPodForAllNamespaces(),
      podsChanged,
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
        res.end(await this.metrics.registry.metrics());
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

  /** Sends `count` identical requests through the mesh. */
  send(batch: TrafficBatch): BatchResult {
    const host = canonicalHost(batch.host, batch.namespace);
    const table = this.routeFor(host);
    const codes: Record<string, number> = {};
    // Nothing routes this host: Envoy answers 404 with response flag NR, no backend sees it.
    if (!table) return { codes: batch.count > 0 ? { NR: batch.count } : {} };
    if (batch.count <= 0) return { route: table.source, codes };
    const rule = table.rules.find(r => matchRequest(r.matches, batch));
    const source = batch.source ?? { workload: 'mesh-lab-load', namespace: batch.namespace };
    const route = routeLabel(batch.path);
    for (let i = 0; i < batch.count; i++) {
      const backend = rule ? pickWeighted(rule.backends) : undefined;
      // No matching rule or all weights zero: Envoy answers 404 / 503 itself, no backend sees it.
      let code = rule ? 503 : 404;
      if (backend) code = this.serve(backend, host, source, batch, route);
      codes[code] = (codes[code] ?? 0) + 1;
      if (rule?.mirror && Math.random() * 100 < rule.mirror.percent) {
        // Shadowed requests are fire-and-forget: recorded by the mirror's proxy, answer dropped.
        this.serve(rule.mirror.backend, host, source, batch, route);
      }
    }
    return { route: table.source, codes };
  }

  /** The routing table in force for a host, if anything routes it (exposed for status and tests). */
  routeFor(host: string): RouteTable | undefined {
    let table = this.routeCache.get(host);
    if (table === undefined) {
      table = this.resolve(host) ?? null;
      this.routeCache.set(host, table);
    }
    return table ?? undefined;
  }

  private serve(
    backend: RouteBackend,
    authority: string,
    source: { workload: string; namespace: string },
    request: SimRequest,
    route: string,
  ): number {
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
    });
    return answer.code;
  }

  private resolve(host: string): RouteTable | undefined {
    const byAge = <T extends KubernetesObject>(list: readonly T[]) =>
      [...list].sort((a, b) =>
        String(a.metadata?.creationTimestamp ?? '').localeCompare(
          String(b.metadata?.creationTimestamp ?? ''),
        ),
      );
    const vs = byAge(this.informers.virtualServices.cache.list() as VirtualServiceLike[] as any[]).find(
      (v: VirtualServiceLike) =>
        (v.spec?.hosts ?? []).some(h => canonicalHost(h, v.metadata?.namespace ?? 'default') === host),
    ) as VirtualServiceLike | undefined;
    if (vs) {
      const rules = this.informers.destinationRules.cache.list(
        vs.metadata?.namespace,
      ) as DestinationRuleLike[];
      return parseVirtualService(vs, rules);
    }

    const route = byAge(this.informers.httpRoutes.cache.list() as any[]).find((r: HttpRouteLike) => {
      const ns = r.metadata?.namespace ?? 'default';
      const hostnames = r.spec?.hostnames ?? [];
      const byHostname = hostnames.some(h =>
        h.startsWith('*.') ? host.endsWith(h.slice(1)) : canonicalHost(h, ns) === host,
      );
      // GAMMA (service mesh) routes attach to a Service instead of a Gateway.
      const byParent = (r.spec?.parentRefs ?? []).some(
        p => p.kind === 'Service' && p.name && canonicalHost(`${p.name}.${p.namespace ?? ns}`, ns) === host,
      );
      return byHostname || byParent;
    }) as HttpRouteLike | undefined;
    if (route) return parseHttpRoute(route);

    const split = byAge(this.informers.trafficSplits.cache.list() as any[]).find(
      (s: TrafficSplitLike) => trafficSplitApex(s) === host,
    ) as TrafficSplitLike | undefined;
    if (split) return parseTrafficSplit(split);

    const svc = serviceOfHost(host);
    if (svc && this.informers.services.cache.get(svc.service, svc.namespace)) {
      return {
        source: { kind: 'Service', namespace: svc.namespace, name: svc.service },
        rules: [{ matches: [], backends: [{ ...svc, weight: 1 }] }],
      };
    }
    return undefined;
  }

  private imageBehaviourOf(pod: V1Pod): Partial<BackendBehaviour> {
    return Object.assign({}, ...(pod.spec?.containers ?? []).map(c => this.imageBehaviours[c.image ?? ''] ?? {}));
  }

  private readyPods(service: V1Service, backend: RouteBackend): ReadyPod[] {
    const key = `${backend.namespace}/${backend.service}/${backend.subset ?? ''}`;
    let pods = this.podCache.get(key);
    if (pods) return pods;
    const selector = { ...(service.spec?.selector ?? {}), ...(backend.subsetLabels ?? {}) };
    const hasSelector = Object.keys(service.spec?.selector ?? {}).length > 0;
    pods = !hasSelector
      ? []
      : (this.informers.pods.cache.list(backend.namespace) as V1Pod[])
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
