import { KubernetesObject } from '@kubernetes/client-node';
import { applyObjects } from '../cluster/applyObjects';
import { waitFor } from '../controlplane/waitFor';
import { LAB_GATEWAYS } from '../fixtures/labGatewayObjects';
import { podinfoObjects } from '../fixtures/podinfoObjects';
import { Lab } from './Lab';
import { startLab } from './startLab';

// The first run on a fresh machine builds the control plane (several minutes on 2 cores).
const FIRST_START_TIMEOUT_MS = 30 * 60_000;

// North-south traffic through the lab's ingress-nginx controller and Contour Envoy, routed by
// the objects Flagger's nginx and contour routers write, measured by their real metrics.
describe('mesh lab ingress controllers', () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await lab?.stop();
  });

  /** podinfo-primary and podinfo-canary, the apex Service on the primary, in a new namespace. */
  async function deploy(namespace: string) {
    await applyObjects(lab.kubeConfig, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      ...podinfoObjects({ namespace, name: 'podinfo-primary' }),
      ...podinfoObjects({ namespace, name: 'podinfo-canary' }),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'podinfo', namespace },
        spec: { selector: { app: 'podinfo-primary' }, ports: [{ name: 'http', port: 9898 }] },
      } as KubernetesObject,
    ]);
  }

  /** Waits until `query` sums to at least `total`, then its values by `label`. */
  async function countsBy(query: string, label: string, total: number): Promise<Record<string, number>> {
    let counts: Record<string, number> = {};
    await waitFor(
      `${query} to reach ${total}`,
      async () => {
        const samples = await lab.query(query);
        counts = Object.fromEntries(samples.map(s => [s.metric[label] ?? '', s.value]));
        return Object.values(counts).reduce((a, b) => a + b, 0) >= total;
      },
      { timeoutMs: 60_000, observe: () => JSON.stringify(counts) },
    );
    return counts;
  }

  it("splits traffic entering at ingress-nginx by a canary Ingress's weight, sends its header to the canary, and reports both in nginx_ingress_controller_requests", async () => {
    const ns = 'nginx-lab-test';
    await deploy(ns);
    const ingress = (name: string, service: string, annotations: Record<string, string>) =>
      ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name, namespace: ns, annotations: { 'kubernetes.io/ingress.class': 'nginx', ...annotations } },
        spec: {
          rules: [
            {
              host: 'app.example.com',
              http: {
                paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 9898 } } } }],
              },
            },
          ],
        },
      }) as KubernetesObject;
    await applyObjects(lab.kubeConfig, [
      ingress('podinfo', 'podinfo', {}),
      ingress('podinfo-canary', 'podinfo-canary', {
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': '20',
        'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary',
        'nginx.ingress.kubernetes.io/canary-by-header-value': 'insider',
      }),
    ]);
    await waitFor(
      'ingress-nginx to route app.example.com by the Ingress and its canary',
      () =>
        (lab.dataPlane.routeFor('app.example.com', { gateway: LAB_GATEWAYS.ingressNginx })?.rules.length ?? 0) === 2 &&
        lab.dataPlane.send({ gateway: LAB_GATEWAYS.ingressNginx, host: 'app.example.com', namespace: ns, method: 'GET', path: '/', headers: {}, count: 1 }).codes['200'] === 1,
      { timeoutMs: 30_000 },
    );
    lab.setLoad({ gateway: LAB_GATEWAYS.ingressNginx, host: 'app.example.com', rps: 50 });
    // The insiders, as a Flagger webhook's hey sends them through the controller's Service.
    const response = await fetch(lab.loadTesterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'nginx-lab-test',
        namespace: ns,
        metadata: {
          type: 'cmd',
          cmd: "hey -z 1m -q 10 -c 1 -H 'X-Canary: insider' -host app.example.com http://ingress-nginx-controller.ingress-nginx/",
        },
      }),
    });
    expect(response.status).toBe(202);
    const byCanary = await countsBy(
      `sum by (canary) (nginx_ingress_controller_requests{namespace="${ns}",ingress="podinfo",service="podinfo",host="app.example.com",controller_namespace="ingress-nginx",controller_class="k8s.io/ingress-nginx",controller_pod=~"ingress-nginx-controller-.+"})`,
      'canary',
      1200,
    );
    const insiders = lab.loads().find(l => !l.id.startsWith('background:') && l.namespace === ns);
    lab.setLoad({ gateway: LAB_GATEWAYS.ingressNginx, host: 'app.example.com', rps: 0 });

    expect(Object.keys(byCanary).sort()).toEqual(['', `${ns}-podinfo-canary-9898`]);
    // 10 of 60 rps carry the header, and 20% of the other 50: 20 of 60 in all.
    const share = byCanary[`${ns}-podinfo-canary-9898`] / (byCanary[''] + byCanary[`${ns}-podinfo-canary-9898`]);
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.39);
    expect(Object.keys(insiders?.served ?? {})).toEqual(['podinfo-canary']);
  }, 180_000);

  it("splits traffic entering at Contour's Envoy by the weights of the HTTPProxy a root HTTPProxy includes, as Envoy's cluster stats show", async () => {
    const ns = 'contour-lab-test';
    await deploy(ns);
    const service = (name: string, weight: number) => ({ name, port: 9898, weight });
    await applyObjects(lab.kubeConfig, [
      {
        apiVersion: 'projectcontour.io/v1',
        kind: 'HTTPProxy',
        metadata: { name: 'podinfo-ingress', namespace: ns },
        spec: { virtualhost: { fqdn: 'shop.example.com' }, includes: [{ name: 'podinfo', namespace: ns, conditions: [{ prefix: '/' }] }] },
      } as KubernetesObject,
      {
        apiVersion: 'projectcontour.io/v1',
        kind: 'HTTPProxy',
        metadata: { name: 'podinfo', namespace: ns },
        spec: { routes: [{ conditions: [{ prefix: '/' }], services: [service('podinfo-primary', 80), service('podinfo-canary', 20)] }] },
      } as KubernetesObject,
    ]);
    await waitFor(
      "Contour's Envoy to route shop.example.com through the root HTTPProxy",
      () => lab.dataPlane.routeFor('shop.example.com', { gateway: LAB_GATEWAYS.contour })?.source.name === 'podinfo-ingress',
      { timeoutMs: 30_000 },
    );
    // As Flagger's Contour walkthrough loads it: hey -host through the Envoy Service's name.
    const response = await fetch(lab.loadTesterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'contour-lab-test',
        namespace: ns,
        metadata: { type: 'cmd', cmd: 'hey -z 1m -q 25 -c 2 -host shop.example.com http://envoy.projectcontour' },
      }),
    });
    expect(response.status).toBe(202);
    const envoy = await countsBy(
      `sum by (envoy_cluster_name) (envoy_cluster_upstream_rq{envoy_cluster_name=~"${ns}_podinfo-.*"})`,
      'envoy_cluster_name',
      1200,
    );
    const canary = envoy[`${ns}_podinfo-canary_9898`];
    const share = canary / (canary + envoy[`${ns}_podinfo-primary_9898`]);
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  }, 180_000);
});
