import fs from 'node:fs';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, KubernetesObject, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { applyObjects } from '../cluster/applyObjects';
import { waitFor } from '../controlplane/waitFor';
import { LAB_GATEWAYS } from '../fixtures/labGatewayObjects';
import { podinfoObjects } from '../fixtures/podinfoObjects';
import { Lab } from './Lab';
import { startLab } from './startLab';

// The first run on a fresh machine builds the control plane (several minutes on 2 cores).
const FIRST_START_TIMEOUT_MS = 30 * 60_000;

describe('mesh lab', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({
      readyDelayMs: 500,
      // A "bad release": `kubectl set image` to this tag makes every answer fail.
      imageBehaviours: { 'ghcr.io/stefanprodan/podinfo:6.0.1': { errorRate: 1 } },
    });
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await lab?.stop();
  });

  /** Creates a namespace with podinfo-primary and podinfo-canary Deployments and the apex, primary and canary Services. */
  async function deployPrimaryAndCanary(
    namespace: string,
    canaryAnnotations: Record<string, string> = {},
    canaryImage?: string,
  ) {
    await applyObjects(lab.kubeConfig, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      ...podinfoObjects({ namespace, name: 'podinfo-primary', replicas: 2 }),
      ...podinfoObjects({ namespace, name: 'podinfo-canary', annotations: canaryAnnotations, image: canaryImage }),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'podinfo', namespace },
        spec: { selector: { app: 'podinfo-primary' }, ports: [{ name: 'http', port: 9898 }] },
      } as KubernetesObject,
    ]);
    const apps = lab.kubeConfig.makeApiClient(AppsV1Api);
    for (const name of ['podinfo-primary', 'podinfo-canary']) {
      let observed = '';
      await waitFor(
        `Deployment ${namespace}/${name} to become Available through the controllers`,
        async () => {
          const d = await apps.readNamespacedDeployment({ name, namespace });
          observed = JSON.stringify({ status: d.status?.conditions, ready: d.status?.readyReplicas });
          return (
            d.status?.conditions?.some(c => c.type === 'Available' && c.status === 'True') &&
            d.status?.availableReplicas === d.spec?.replicas
          );
        },
        { timeoutMs: 60_000, observe: () => observed },
      );
    }
  }

  /** Waits until the data plane follows the routing object, so no request is routed by the old state. */
  async function waitForRoute(namespace: string, kind: string) {
    await waitFor(
      `the data plane to route podinfo.${namespace} through a ${kind}`,
      () => lab.dataPlane.routeFor(`podinfo.${namespace}.svc.cluster.local`)?.source.kind === kind,
      { timeoutMs: 30_000, observe: () => JSON.stringify(lab.dataPlane.routeFor(`podinfo.${namespace}.svc.cluster.local`)?.source) },
    );
  }

  /** Waits until Prometheus has scraped at least `min` requests for the query, then returns the value per label. */
  async function countsBy(promql: string, label: string, min: number) {
    let last: Record<string, number> = {};
    return waitFor(
      `Prometheus to count at least ${min} requests for ${promql}`,
      async () => {
        const samples = await lab.query(promql);
        last = Object.fromEntries(samples.map(s => [s.metric[label], s.value]));
        const total = Object.values(last).reduce((a, b) => a + b, 0);
        return total >= min ? last : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000, observe: () => JSON.stringify(last) },
    );
  }

  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  /** The counts of `now` that grew since `before`. */
  const minus = (now: Record<string, number>, before: Record<string, number>) =>
    Object.fromEntries(Object.entries(now).filter(([key, n]) => n > (before[key] ?? 0)));

  function share(counts: Record<string, number>, key: string): number {
    return (100 * (counts[key] ?? 0)) / total(counts);
  }

  it('splits 80/20 through an Istio VirtualService, as istio_requests_total shows', async () => {
    await deployPrimaryAndCanary('istio-test');
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'podinfo', namespace: 'istio-test' },
        spec: {
          hosts: ['podinfo'],
          http: [
            {
              route: [
                { destination: { host: 'podinfo-primary' }, weight: 80 },
                { destination: { host: 'podinfo-canary' }, weight: 20 },
              ],
            },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitForRoute('istio-test', 'VirtualService');
    lab.setLoad({ service: 'podinfo', namespace: 'istio-test', rps: 50 });

    const counts = await countsBy(
      'sum by (destination_workload) (istio_requests_total{reporter="destination",destination_workload_namespace="istio-test"})',
      'destination_workload',
      1000,
    );
    lab.setLoad({ service: 'podinfo', namespace: 'istio-test', rps: 0 });
    expect(Object.keys(counts).sort()).toEqual(['podinfo-canary', 'podinfo-primary']);
    expect(share(counts, 'podinfo-canary')).toBeGreaterThanOrEqual(15);
    expect(share(counts, 'podinfo-canary')).toBeLessThanOrEqual(25);
  }, 180_000);

  it('splits east-west traffic 80/20 through an HTTPRoute attached to the Service (GAMMA), as Envoy cluster and Linkerd metrics show', async () => {
    await deployPrimaryAndCanary('gw-test');
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'HTTPRoute',
        metadata: { name: 'podinfo', namespace: 'gw-test' },
        spec: {
          parentRefs: [{ group: 'core', kind: 'Service', name: 'podinfo', port: 9898 }],
          rules: [
            {
              backendRefs: [
                { name: 'podinfo-primary', port: 9898, weight: 80 },
                { name: 'podinfo-canary', port: 9898, weight: 20 },
              ],
            },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitForRoute('gw-test', 'HTTPRoute');
    lab.setLoad({ service: 'podinfo', namespace: 'gw-test', rps: 50 });

    const envoy = await countsBy(
      'sum by (envoy_cluster_name) (envoy_cluster_upstream_rq{envoy_cluster_name=~"gw-test_podinfo-.*"})',
      'envoy_cluster_name',
      1000,
    );
    const linkerd = await countsBy(
      'sum by (deployment) (response_total{namespace="gw-test",direction="inbound"})',
      'deployment',
      1000,
    );
    lab.setLoad({ service: 'podinfo', namespace: 'gw-test', rps: 0 });
    expect(share(envoy, 'gw-test_podinfo-canary_9898')).toBeGreaterThanOrEqual(15);
    expect(share(envoy, 'gw-test_podinfo-canary_9898')).toBeLessThanOrEqual(25);
    expect(share(linkerd, 'podinfo-canary')).toBeGreaterThanOrEqual(15);
    expect(share(linkerd, 'podinfo-canary')).toBeLessThanOrEqual(25);
  }, 180_000);

  it("routes north-south traffic at the ingress gateway by a gateway-only VirtualService, which leaves the mesh's traffic alone", async () => {
    const ns = 'ingress-test';
    await deployPrimaryAndCanary(ns);
    await applyObjects(lab.kubeConfig, [
      {
        // As in Flagger's Istio walkthroughs: the lab's ingress gateway, selected by label.
        apiVersion: 'networking.istio.io/v1alpha3',
        kind: 'Gateway',
        metadata: { name: 'public-gateway', namespace: ns },
        spec: {
          selector: { istio: 'ingressgateway' },
          servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['app.example.com'] }],
        },
      } as KubernetesObject,
      {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'podinfo', namespace: ns },
        spec: {
          hosts: ['app.example.com'],
          gateways: ['public-gateway'],
          http: [
            {
              route: [
                { destination: { host: 'podinfo-primary' }, weight: 80 },
                { destination: { host: 'podinfo-canary' }, weight: 20 },
              ],
            },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitFor(
      'the ingress gateway to route app.example.com through the VirtualService',
      () => lab.dataPlane.routeFor('app.example.com', { gateway: LAB_GATEWAYS.istio })?.source.kind === 'VirtualService',
      { timeoutMs: 30_000 },
    );
    // The mesh does not take the gateway's route: podinfo.<ns> is the Service (the primary).
    expect(lab.dataPlane.routeFor(`podinfo.${ns}.svc.cluster.local`)?.source).toEqual({
      kind: 'Service',
      namespace: ns,
      name: 'podinfo',
    });

    // Through the gateway as a Flagger webhook's hey sends it, and from inside the mesh at once.
    const hey = await fetch(lab.loadTesterUrl, {
      method: 'POST',
      body: JSON.stringify({
        name: 'podinfo',
        namespace: ns,
        metadata: { type: 'cmd', cmd: 'hey -z 40s -q 25 -c 2 -host app.example.com http://istio-ingressgateway.istio-system/' },
      }),
    });
    // flagger-loadtester accepts a cmd task with 202 and runs it in the background.
    expect(hey.status).toBe(202);
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 20 });

    const bySource = await countsBy(
      `sum by (key) (label_join(istio_requests_total{reporter="destination",destination_workload_namespace="${ns}"}, "key", " -> ", "source_workload", "source_workload_namespace", "destination_workload"))`,
      'key',
      1400,
    );
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 0 });
    expect(Object.keys(bySource).sort()).toEqual([
      `istio-ingressgateway -> istio-system -> podinfo-canary`,
      `istio-ingressgateway -> istio-system -> podinfo-primary`,
      `mesh-lab-load -> ${ns} -> podinfo-primary`,
    ]);
    const gatewayCanary = bySource['istio-ingressgateway -> istio-system -> podinfo-canary'];
    const gatewayTotal = gatewayCanary + bySource['istio-ingressgateway -> istio-system -> podinfo-primary'];
    expect((100 * gatewayCanary) / gatewayTotal).toBeGreaterThanOrEqual(15);
    expect((100 * gatewayCanary) / gatewayTotal).toBeLessThanOrEqual(25);
    // The gateway's own proxy reports each request it sends on, as Istio's gateways do.
    const [fromGateway] = await lab.query(
      `sum(istio_requests_total{reporter="source",source_workload="istio-ingressgateway",source_workload_namespace="istio-system",destination_workload_namespace="${ns}"})`,
    );
    expect(fromGateway.value).toBeGreaterThanOrEqual(gatewayTotal);
  }, 180_000);

  it('routes north-south traffic 80/20 by an HTTPRoute attached to a Gateway, and not the mesh traffic to its Service', async () => {
    const ns = 'gateway-route-test';
    await deployPrimaryAndCanary(ns);
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'HTTPRoute',
        metadata: { name: 'podinfo', namespace: ns },
        spec: {
          parentRefs: [{ name: 'lab-gateway', namespace: 'gateway-system', sectionName: 'http' }],
          hostnames: ['shop.example.com'],
          rules: [
            {
              backendRefs: [
                { name: 'podinfo-primary', port: 9898, weight: 80 },
                { name: 'podinfo-canary', port: 9898, weight: 20 },
              ],
            },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitFor(
      'the Gateway API gateway to route shop.example.com through the HTTPRoute',
      () => lab.dataPlane.routeFor('shop.example.com', { gateway: LAB_GATEWAYS.gatewayApi })?.source.kind === 'HTTPRoute',
      { timeoutMs: 30_000 },
    );
    expect(lab.dataPlane.routeFor(`podinfo.${ns}.svc.cluster.local`)?.source.kind).toBe('Service');
    lab.setLoad({ gateway: LAB_GATEWAYS.gatewayApi, host: 'shop.example.com', rps: 50 });
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 20 });

    const envoy = await countsBy(
      `sum by (envoy_cluster_name) (envoy_cluster_upstream_rq{envoy_cluster_name=~"${ns}_podinfo.*"})`,
      'envoy_cluster_name',
      1400,
    );
    const mesh = await countsBy(
      `sum by (destination_service_name) (istio_requests_total{reporter="destination",source_workload="mesh-lab-load",destination_service_namespace="${ns}"})`,
      'destination_service_name',
      200,
    );
    const [gatewaySource] = await lab.query(
      `sum(istio_requests_total{reporter="destination",source_workload="lab-gateway-mesh-lab",source_workload_namespace="gateway-system",destination_workload_namespace="${ns}"})`,
    );
    lab.setLoad({ gateway: LAB_GATEWAYS.gatewayApi, host: 'shop.example.com', rps: 0 });
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 0 });

    const canary = envoy[`${ns}_podinfo-canary_9898`];
    const routed = canary + envoy[`${ns}_podinfo-primary_9898`];
    expect((100 * canary) / routed).toBeGreaterThanOrEqual(15);
    expect((100 * canary) / routed).toBeLessThanOrEqual(25);
    expect(gatewaySource.value).toBeGreaterThan(0);
    // Mesh traffic reached the Service, never the route's backends.
    expect(Object.keys(mesh)).toEqual(['podinfo']);
  }, 180_000);

  it('refuses load through a gateway that does not exist, naming it, on PUT /loads and setLoad', async () => {
    const res = await fetch(`${lab.loadTesterUrl}/loads`, {
      method: 'PUT',
      body: JSON.stringify({ gateway: 'istio-system/no-such-gateway', rps: 10 }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      'PUT /loads: load gateway: no gateway istio-system/no-such-gateway: no Service of an Istio gateway workload and no Gateway API Gateway has that namespace/name',
    );
    expect(() => lab.setLoad({ gateway: 'default/kubernetes', rps: 10 })).toThrow(
      /^load gateway: Service default\/kubernetes is not a gateway: /,
    );
    expect(lab.loads().filter(l => l.gateway)).toEqual([]);
  });

  it('splits 80/20 through an SMI TrafficSplit, as Linkerd response_total shows', async () => {
    await deployPrimaryAndCanary('smi-test');
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'split.smi-spec.io/v1alpha2',
        kind: 'TrafficSplit',
        metadata: { name: 'podinfo', namespace: 'smi-test' },
        spec: {
          service: 'podinfo',
          backends: [
            { service: 'podinfo-primary', weight: 80 },
            { service: 'podinfo-canary', weight: 20 },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitForRoute('smi-test', 'TrafficSplit');
    lab.setLoad({ service: 'podinfo', namespace: 'smi-test', rps: 50 });

    const counts = await countsBy(
      'sum by (deployment) (response_total{namespace="smi-test",direction="inbound"})',
      'deployment',
      1000,
    );
    lab.setLoad({ service: 'podinfo', namespace: 'smi-test', rps: 0 });
    expect(Object.keys(counts).sort()).toEqual(['podinfo-canary', 'podinfo-primary']);
    expect(share(counts, 'podinfo-canary')).toBeGreaterThanOrEqual(15);
    expect(share(counts, 'podinfo-canary')).toBeLessThanOrEqual(25);
  }, 180_000);

  it("reports a canary failing 10% of requests at 90% success through Flagger's own queries", async () => {
    await deployPrimaryAndCanary('errors-test', { 'lab.vane.dev/error-rate': '0.1' });
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'podinfo', namespace: 'errors-test' },
        spec: {
          hosts: ['podinfo'],
          http: [
            {
              route: [
                { destination: { host: 'podinfo-primary' }, weight: 50 },
                { destination: { host: 'podinfo-canary' }, weight: 50 },
              ],
            },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitForRoute('errors-test', 'VirtualService');
    const loadStarted = Date.now();
    lab.setLoad({ service: 'podinfo', namespace: 'errors-test', rps: 100 });

    // Flagger's built-in request-success-rate queries (pkg/metrics/observers), rendered for
    // namespace errors-test, interval 30s.
    const istio = (target: string) => `sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="errors-test",destination_workload=~"${target}",response_code!~"5.*"}[30s])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="errors-test",destination_workload=~"${target}"}[30s])) * 100`;
    const linkerd = (target: string) => `sum(rate(response_total{namespace="errors-test",deployment=~"${target}",classification!="failure",direction="inbound"}[30s])) / sum(rate(response_total{namespace="errors-test",deployment=~"${target}",direction="inbound"}[30s])) * 100`;

    // The 30 s window must hold only this traffic, and enough of it (about 1500 canary requests).
    await waitFor('30 s of load in the rate window', () => Date.now() - loadStarted > 33_000, {
      timeoutMs: 60_000,
    });
    await countsBy(
      'sum by (destination_workload) (increase(istio_requests_total{reporter="destination",destination_workload_namespace="errors-test",destination_workload="podinfo-canary"}[30s]))',
      'destination_workload',
      1200,
    );
    const [canaryIstio] = await lab.query(istio('podinfo-canary'));
    const [canaryLinkerd] = await lab.query(linkerd('podinfo-canary'));
    const [primaryIstio] = await lab.query(istio('podinfo-primary'));
    lab.setLoad({ service: 'podinfo', namespace: 'errors-test', rps: 0 });

    expect(canaryIstio.value).toBeGreaterThanOrEqual(87);
    expect(canaryIstio.value).toBeLessThanOrEqual(93);
    expect(canaryLinkerd.value).toBeGreaterThanOrEqual(87);
    expect(canaryLinkerd.value).toBeLessThanOrEqual(93);
    expect(primaryIstio.value).toBe(100);
  }, 180_000);

  it("sends a Flagger webhook's hey run with its -H header to the canary through a header match", async () => {
    await deployPrimaryAndCanary('ab-test', {}, 'ghcr.io/stefanprodan/podinfo:6.0.1');
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'podinfo', namespace: 'ab-test' },
        spec: {
          hosts: ['podinfo'],
          http: [
            {
              match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
              route: [{ destination: { host: 'podinfo-canary' } }],
            },
            { route: [{ destination: { host: 'podinfo-primary' } }] },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitForRoute('ab-test', 'VirtualService');

    const payload = {
      name: 'podinfo',
      namespace: 'ab-test',
      phase: 'Progressing',
      metadata: {
        type: 'cmd',
        cmd: `hey -z 20s -q 10 -c 2 -H 'X-Canary: insider' http://podinfo.ab-test:9898/`,
      },
    };
    const post = () =>
      fetch(lab.loadTesterUrl, { method: 'POST', body: JSON.stringify(payload) }).then(async r => ({
        status: r.status,
        text: await r.text(),
      }));
    // flagger-loadtester accepts a cmd task with 202 and runs it in the background.
    expect(await post()).toEqual({ status: 202, text: '' });
    // Flagger calls the hook every interval; the run in progress is not doubled.
    expect(await post()).toEqual({ status: 202, text: '' });
    expect(lab.loads().filter(l => l.source === 'flagger-loadtester')).toEqual([
      expect.objectContaining({ host: 'podinfo.ab-test', namespace: 'ab-test', rps: 20 }),
    ]);

    const counts = await countsBy(
      'sum by (key) (label_join(istio_requests_total{reporter="destination",destination_workload_namespace="ab-test",source_workload="flagger-loadtester"}, "key", "/", "destination_workload", "response_code"))',
      'key',
      200,
    );
    // Every request carried the header, so only the canary saw traffic, and its image fails all of it.
    expect(Object.keys(counts)).toEqual(['podinfo-canary/500']);
  }, 180_000);

  it('keeps a crashing pod out of traffic and its Deployment unavailable; mirrors a share of traffic to the canary', async () => {
    await deployPrimaryAndCanary('mirror-test');
    await applyObjects(lab.kubeConfig, [
      ...podinfoObjects({ namespace: 'mirror-test', name: 'broken', annotations: { 'lab.vane.dev/crash': 'true' } }),
      {
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'podinfo', namespace: 'mirror-test' },
        spec: {
          hosts: ['podinfo'],
          http: [
            {
              route: [{ destination: { host: 'podinfo-primary' } }],
              mirror: { host: 'podinfo-canary' },
              mirrorPercentage: { value: 50 },
            },
          ],
        },
      } as KubernetesObject,
    ]);
    const core = lab.kubeConfig.makeApiClient(CoreV1Api);
    let pods = '';
    await waitFor(
      'the broken pod to run without becoming Ready',
      async () => {
        const list = await core.listNamespacedPod({ namespace: 'mirror-test', labelSelector: 'app=broken' });
        pods = JSON.stringify(list.items.map(p => [p.status?.phase, p.status?.containerStatuses?.[0]?.state]));
        const pod = list.items[0];
        return (
          pod?.status?.phase === 'Running' &&
          pod.status.conditions?.some(c => c.type === 'Ready' && c.status === 'False')
        );
      },
      { timeoutMs: 30_000, observe: () => pods },
    );
    const broken = await lab.kubeConfig
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'broken', namespace: 'mirror-test' });
    expect(broken.status?.availableReplicas ?? 0).toBe(0);
    expect(lab.dataPlane.send({ host: 'broken.mirror-test', namespace: 'x', method: 'GET', path: '/', headers: {}, count: 10 }).codes).toEqual({ 503: 10 });

    await waitForRoute('mirror-test', 'VirtualService');
    lab.setLoad({ service: 'podinfo', namespace: 'mirror-test', rps: 50 });
    const counts = await countsBy(
      'sum by (destination_workload) (istio_requests_total{reporter="destination",destination_workload_namespace="mirror-test"})',
      'destination_workload',
      900,
    );
    lab.setLoad({ service: 'podinfo', namespace: 'mirror-test', rps: 0 });
    // Every request reaches the primary; about half are shadowed to the canary as well.
    const ratio = counts['podinfo-canary'] / counts['podinfo-primary'];
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
  }, 180_000);

  it("runs a DaemonSet's pod on the Node, Ready, counts it unavailable once it runs annotated lab.vane.dev/crash, and removes it once its node selector matches no node", async () => {
    const namespace = 'daemonset-test';
    const selector = { app: 'node-agent' };
    await applyObjects(lab.kubeConfig, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'node-agent', namespace },
        spec: {
          selector: { matchLabels: selector },
          template: {
            metadata: { labels: selector },
            spec: { containers: [{ name: 'agent', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }] },
          },
        },
      } as KubernetesObject,
    ]);
    const apps = lab.kubeConfig.makeApiClient(AppsV1Api);
    const core = lab.kubeConfig.makeApiClient(CoreV1Api);
    let status = '';
    const daemonSetStatus = async () => {
      const ds = await apps.readNamespacedDaemonSet({ name: 'node-agent', namespace });
      status = JSON.stringify(ds.status);
      return ds;
    };
    // The real DaemonSet controller schedules one pod per eligible Node: the lab's must not be
    // tainted not-ready.
    await waitFor(
      'the DaemonSet controller to report its pod on the lab Node available',
      async () => {
        const ds = await daemonSetStatus();
        return ds.status?.desiredNumberScheduled === 1 && ds.status?.numberAvailable === 1;
      },
      { timeoutMs: 60_000, observe: () => status },
    );
    const pods = await core.listNamespacedPod({ namespace, labelSelector: 'app=node-agent' });
    expect(pods.items.map(p => p.spec?.nodeName)).toEqual(['mesh-lab-node']);

    // A running pod that starts crashing leaves its DaemonSet unavailable.
    const pod = pods.items[0].metadata!.name!;
    await core.patchNamespacedPod(
      { name: pod, namespace, body: { metadata: { annotations: { 'lab.vane.dev/crash': 'true' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await waitFor(
      'the crashing pod to leave its DaemonSet with no pod available',
      // The API server leaves a count of 0 out of the status.
      async () => ((await daemonSetStatus()).status?.numberAvailable ?? 0) === 0,
      { timeoutMs: 30_000, observe: () => status },
    );

    // A node selector no node matches: the controller removes the pod (Flagger's scale to zero).
    await apps.patchNamespacedDaemonSet(
      {
        name: 'node-agent',
        namespace,
        body: { spec: { template: { spec: { nodeSelector: { 'delivery.vane.dev/scale-to-zero': 'true' } } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    let left = '';
    await waitFor(
      'the DaemonSet to run no pod once its pods select no node',
      async () => {
        const list = await core.listNamespacedPod({ namespace, labelSelector: 'app=node-agent' });
        left = JSON.stringify(list.items.map(p => p.metadata?.name));
        return list.items.length === 0 && ((await daemonSetStatus()).status?.desiredNumberScheduled ?? 0) === 0;
      },
      { timeoutMs: 60_000, observe: () => `${left} ${status}` },
    );
  }, 180_000);

  it("carries the Set-Cookie of Flagger's session affinity routes, and sticky clients keep it: its holders stay on the canary until the routes expire it", async () => {
    const ns = 'sticky-test';
    await deployPrimaryAndCanary(ns);
    const cookieRoute = (route: unknown[], setCookie?: string) => ({
      match: [{ headers: { cookie: { regex: '^(.*;\\s*)?flagger-cookie=LpsIaLdoNZ(;.*)?$' } } }],
      ...(setCookie ? { headers: { response: { add: { 'Set-Cookie': setCookie } } } } : {}),
      route,
    });
    const virtualService = (http: unknown[]) =>
      ({
        apiVersion: 'networking.istio.io/v1beta1',
        kind: 'VirtualService',
        metadata: { name: 'podinfo', namespace: ns },
        spec: { hosts: ['podinfo'], http },
      }) as KubernetesObject;
    await applyObjects(lab.kubeConfig, [
      virtualService([
        cookieRoute([
          { destination: { host: 'podinfo-primary' }, weight: 0 },
          { destination: { host: 'podinfo-canary' }, weight: 100 },
        ]),
        {
          route: [
            { destination: { host: 'podinfo-primary' }, weight: 50 },
            {
              destination: { host: 'podinfo-canary' },
              weight: 50,
              headers: { response: { add: { 'Set-Cookie': 'flagger-cookie=LpsIaLdoNZ; Max-Age=21600' } } },
            },
          ],
        },
      ]),
    ]);
    await waitForRoute(ns, 'VirtualService');
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 40, clients: 10 });
    const clients = () => lab.loads().find(l => l.namespace === ns)?.stickyClients ?? [];
    await waitFor(
      'every sticky client to hold the canary cookie a canary answer set',
      () => clients().length === 10 && clients().every(c => c.cookie === 'flagger-cookie=LpsIaLdoNZ'),
      { timeoutMs: 30_000, observe: () => JSON.stringify(clients()) },
    );
    /** Who answered each sticky client's next `n` requests. */
    const nextAnswers = async (n: number) => {
      const before = clients().map(c => ({ ...c.served }));
      await waitFor(
        `each sticky client to send ${n} more requests`,
        () => clients().every((c, i) => total(c.served) >= total(before[i]) + n),
        { timeoutMs: 30_000, observe: () => JSON.stringify(clients()) },
      );
      return clients().map((c, i) => Object.keys(minus(c.served, before[i])));
    };
    // With the cookie, every answer came from the canary, though the weighted route is 50/50.
    expect(await nextAnswers(5)).toEqual(Array.from({ length: 10 }, () => ['podinfo-canary']));

    // The rollout is over: the routes send everyone to the primary and expire the cookie.
    await applyObjects(lab.kubeConfig, [
      virtualService([
        cookieRoute([{ destination: { host: 'podinfo-primary' }, weight: 100 }], 'flagger-cookie=LpsIaLdoNZ; Max-Age=-1'),
        { route: [{ destination: { host: 'podinfo-primary' }, weight: 100 }] },
      ]),
    ]);
    await waitFor(
      'every sticky client to have dropped the expired cookie',
      () => clients().every(c => c.cookie === ''),
      { timeoutMs: 30_000, observe: () => JSON.stringify(clients()) },
    );
    // Without the cookie they are answered by the primary, as everyone.
    expect(await nextAnswers(3)).toEqual(Array.from({ length: 10 }, () => ['podinfo-primary']));
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 0 });
  }, 180_000);

  it('adds the Set-Cookie of a ResponseHeaderModifier on an HTTPRoute backendRef to the answers of that backend only', async () => {
    const ns = 'sticky-gw-test';
    await deployPrimaryAndCanary(ns);
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'HTTPRoute',
        metadata: { name: 'podinfo', namespace: ns },
        spec: {
          parentRefs: [{ group: '', kind: 'Service', name: 'podinfo', port: 9898 }],
          rules: [
            {
              backendRefs: [
                { name: 'podinfo-primary', port: 9898, weight: 50 },
                {
                  name: 'podinfo-canary',
                  port: 9898,
                  weight: 50,
                  filters: [
                    {
                      type: 'ResponseHeaderModifier',
                      responseHeaderModifier: { add: [{ name: 'Set-Cookie', value: 'flagger-cookie=LpsIaLdoNZ; Max-Age=86400' }] },
                    },
                  ],
                },
              ],
            },
          ],
        },
      } as KubernetesObject,
    ]);
    await waitForRoute(ns, 'HTTPRoute');
    const answers = Array.from({ length: 40 }, () =>
      lab.dataPlane.send({ host: 'podinfo', namespace: ns, method: 'GET', path: '/', headers: {}, count: 1 }),
    );
    const byWorkload = (workload: string) => answers.filter(a => a.served[workload] === 1).map(a => a.responseHeaders);
    expect(byWorkload('podinfo-canary').length).toBeGreaterThan(0);
    expect(byWorkload('podinfo-primary').length).toBeGreaterThan(0);
    expect(new Set(byWorkload('podinfo-canary').map(h => JSON.stringify(h)))).toEqual(
      new Set([JSON.stringify([['set-cookie', 'flagger-cookie=LpsIaLdoNZ; Max-Age=86400']])]),
    );
    expect(new Set(byWorkload('podinfo-primary').map(h => JSON.stringify(h)))).toEqual(new Set(['[]']));
  }, 180_000);

  // Last: it restarts this lab's API server and Prometheus under the tests before it.
  it('stops and starts the API server and Prometheus by pid: same URLs, CA and data, a new pid, and the kubelet and data plane follow what is created after', async () => {
    const core = lab.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'before-restart' }, data: { kept: 'yes' } },
    });
    const before = { ...lab.pids };
    const url = lab.apiserverUrl;
    const caData = lab.caData;
    await lab.stopProcess('kube-apiserver');
    expect(() => process.kill(before['kube-apiserver'], 0)).toThrow();
    await expect(lab.startProcess('etcd')).rejects.toThrow(/etcd \(pid \d+\) is running/);
    await lab.startProcess('kube-apiserver');
    expect(lab.pids['kube-apiserver']).not.toBe(before['kube-apiserver']);
    expect(lab.pids.etcd).toBe(before.etcd);
    expect(lab.apiserverUrl).toBe(url);
    expect(fs.readFileSync(path.join(lab.dataDir, 'certs', 'apiserver.crt'), 'utf8')).toBe(caData);

    // What was there is still there; what comes next is followed: pods bound and Ready by the
    // kubelet, the Service and its pods known to the data plane, which answers load on it.
    const kept = await core.readNamespacedConfigMap({ namespace: 'default', name: 'before-restart' });
    expect(kept.data).toEqual({ kept: 'yes' });
    await deployPrimaryAndCanary('after-restart');
    lab.setLoad({ service: 'podinfo', namespace: 'after-restart', rps: 20 });
    await waitFor(
      'load on podinfo.after-restart to be answered by its primary',
      () => (lab.loads().find(l => l.namespace === 'after-restart')?.served['podinfo-primary'] ?? 0) > 10,
      { timeoutMs: 60_000, observe: () => JSON.stringify(lab.loads().find(l => l.namespace === 'after-restart')) },
    );

    const prometheusUrl = lab.prometheusUrl;
    await lab.stopProcess('prometheus');
    await expect(lab.query('up')).rejects.toThrow();
    await lab.startProcess('prometheus');
    expect(lab.prometheusUrl).toBe(prometheusUrl);
    await waitFor('Prometheus to scrape the data plane again', async () =>
      (await lab.query('up{job="mesh-lab-dataplane"}'))[0]?.value === 1,
    );
    lab.setLoad({ service: 'podinfo', namespace: 'after-restart', rps: 0 });
  }, 240_000);
});
