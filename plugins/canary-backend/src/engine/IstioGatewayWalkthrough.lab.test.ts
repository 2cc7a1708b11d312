import {
  LAB_GATEWAYS,
  Lab,
  podinfoObjects,
  startLab,
  waitFor,
} from '@vane/mesh-lab';
import { LabCluster } from '../testing/LabCluster';
import { recordCanaryProgress } from '../testing/recordCanaryProgress';
import {
  EngineProcess,
  startEngineProcess,
} from '../testing/startEngineProcess';

// The Flagger walkthrough on a managed Istio (seed 003) against the mesh lab: its Canary binds
// the VirtualService to the Istio Gateway `public-gateway` only (`hosts: ["*"]`), and its traffic
// comes through the ingress gateway (`hey http://$INGRESS_IP/`). As in Istio, only that traffic
// follows the weights: load sent from inside the mesh reaches the primary alone.
jest.setTimeout(10 * 60_000);

const GOOD = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const NEXT = 'ghcr.io/stefanprodan/podinfo:6.1.0';
/** The lab runs Kubernetes 1.20: autoscaling/v2beta2, as the walkthrough's HPA. */
const HPA_VERSION = 'autoscaling/v2beta2';
/** The lab's Istio ingress gateway Service: where `$INGRESS_IP` points in the walkthrough. */
const INGRESS_GATEWAY = LAB_GATEWAYS.istio;

/** Seed 003's Canary as written there, but for apiVersion and a short analysis interval. */
function walkthroughCanary(namespace: string) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      autoscalerRef: {
        apiVersion: HPA_VERSION,
        kind: 'HorizontalPodAutoscaler',
        name: 'podinfo',
      },
      service: {
        port: 9898,
        targetPort: 9898,
        gateways: ['public-gateway'],
        hosts: ['*'],
        trafficPolicy: { tls: { mode: 'DISABLE' } },
        rewrite: { uri: '/' },
        retries: {
          attempts: 3,
          perTryTimeout: '1s',
          retryOn: 'gateway-error,connect-failure,refused-stream',
        },
      },
      analysis: {
        interval: '3s',
        threshold: 3,
        maxWeight: 80,
        stepWeight: 20,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '1m',
          },
          {
            name: 'request-duration',
            thresholdRange: { max: 500 },
            interval: '30s',
          },
        ],
      },
    },
  };
}

/**
 * The walkthrough's podinfo (kustomize/podinfo: Deployment and HPA) and its Gateway, whose
 * selector picks the lab's ingress gateway (the walkthrough's picks its IstioMeshGateway).
 */
function walkthroughObjects(namespace: string) {
  const labels = { app: 'podinfo' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    ...podinfoObjects({
      namespace,
      name: 'podinfo',
      replicas: 2,
      image: GOOD,
      service: false,
    }),
    {
      apiVersion: HPA_VERSION,
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'podinfo', namespace, labels },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
        },
        minReplicas: 2,
        maxReplicas: 4,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 99 },
            },
          },
        ],
      },
    },
    {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'Gateway',
      metadata: { name: 'public-gateway', namespace },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 80, name: 'http', protocol: 'HTTP' },
            hosts: ['*'],
          },
        ],
      },
    },
  ];
}

describe('the Istio gateway walkthrough (seed 003) against the mesh lab', () => {
  let lab: Lab;
  let cluster: LabCluster;
  let engine: EngineProcess | undefined;

  beforeAll(async () => {
    lab = await startLab({ readyDelayMs: 300 });
    cluster = new LabCluster(lab);
    engine = await startEngineProcess({
      name: 'gateway-walkthrough',
      config: {
        canary: {
          clusters: [lab.clusterConfig('lab')],
          engine: { leaseDurationSeconds: 6 },
        },
      },
    });
    await engine.waitForOutput(/now drives this cluster/);
  });

  afterAll(async () => {
    await engine?.stop();
    await lab?.stop();
  });

  async function waitForPhase(namespace: string, phase: string) {
    let last: any;
    await waitFor(
      `Canary ${namespace}/podinfo to reach ${phase}`,
      async () => {
        last = (await cluster.canary(namespace, 'podinfo'))?.status;
        return last?.phase === phase;
      },
      { timeoutMs: 180_000, observe: () => JSON.stringify(last) },
    );
    return last;
  }

  /** Applies the walkthrough in `namespace` and waits until the engine has initialised it. */
  async function initialiseWalkthrough(namespace: string) {
    for (const object of walkthroughObjects(namespace)) {
      await cluster.apply(object);
    }
    await cluster.apply(walkthroughCanary(namespace));
    await waitForPhase(namespace, 'Initialized');
    // What Flagger writes for this Canary: bound to the Gateway only, for any host.
    const vs = await cluster.get(
      'networking.istio.io/v1beta1',
      'VirtualService',
      namespace,
      'podinfo',
    );
    expect(vs.spec.gateways).toEqual(['public-gateway']);
    expect(vs.spec.hosts).toEqual(['*']);
  }

  async function releaseNextImage(namespace: string) {
    await cluster.patch('apps/v1', 'Deployment', namespace, 'podinfo', {
      spec: {
        template: {
          spec: { containers: [{ name: 'podinfod', image: NEXT }] },
        },
      },
    });
  }

  /** Requests the canary workload served in `namespace`, per caller, as Istio's sidecar reports them. */
  async function canaryRequestsByCaller(namespace: string) {
    const samples = await lab.query(
      `sum by (source_workload, source_workload_namespace) (istio_requests_total{reporter="destination",destination_workload_namespace="${namespace}",destination_workload="podinfo"})`,
    );
    return Object.fromEntries(
      samples.map(s => [
        `${s.metric.source_workload_namespace}/${s.metric.source_workload}`,
        s.value,
      ]),
    );
  }

  it('promotes 20, 40, 60, 80 and Succeeded with the load sent to the ingress gateway only, the canary served by the gateway', async () => {
    const ns = 'test';
    await initialiseWalkthrough(ns);
    // `hey -z 30m -q 10 -c 2 http://$INGRESS_IP/`: no Host of its own, so `hosts: ["*"]` takes it.
    lab.setLoad({ gateway: INGRESS_GATEWAY, rps: 30 });
    try {
      const progress = recordCanaryProgress(cluster, ns, 'podinfo');
      await releaseNextImage(ns);
      await waitForPhase(ns, 'Succeeded');
      await progress.stop();

      expect(progress.weights()).toEqual([20, 40, 60, 80]);
      const phases = progress.phases();
      expect(phases.slice(phases.indexOf('Progressing'))).toEqual([
        'Progressing',
        'Promoting',
        'Finalising',
        'Succeeded',
      ]);
      expect(
        (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
          .containers[0].image,
      ).toBe(NEXT);
      // The analysis judged what the gateway sent the canary, and nothing else.
      const callers = await canaryRequestsByCaller(ns);
      expect(Object.keys(callers)).toEqual([
        'istio-system/istio-ingressgateway',
      ]);
      expect(callers['istio-system/istio-ingressgateway']).toBeGreaterThan(0);
    } finally {
      lab.setLoad({ gateway: INGRESS_GATEWAY, rps: 0 });
    }
  });

  it('does not reach the canary with load sent east-west only, and rolls back for lack of data, saying so', async () => {
    const ns = 'test-east-west';
    await initialiseWalkthrough(ns);
    // From inside the mesh, as `hey http://podinfo.<ns>:9898/` from a pod would.
    lab.setLoad({ service: 'podinfo', namespace: ns, rps: 30 });
    try {
      const progress = recordCanaryProgress(cluster, ns, 'podinfo');
      await releaseNextImage(ns);
      const failed = await waitForPhase(ns, 'Failed');
      await progress.stop();

      expect(failed.reason).toMatch(
        /^request-success-rate: no data: .*\(3 of 3 failed checks\)$/,
      );
      expect(progress.phases()).not.toContain('Succeeded');
      expect(failed.canaryWeight).toBe(0);
      // The mesh's requests went to podinfo.<ns>, the primary, never to the canary.
      expect(await canaryRequestsByCaller(ns)).toEqual({});
      const [primary] = await lab.query(
        `sum(istio_requests_total{reporter="destination",destination_workload_namespace="${ns}",destination_workload="podinfo-primary"})`,
      );
      expect(primary.value).toBeGreaterThan(0);
      expect(
        (await cluster.deployment(ns, 'podinfo-primary')).spec.template.spec
          .containers[0].image,
      ).toBe(GOOD);
    } finally {
      lab.setLoad({ service: 'podinfo', namespace: ns, rps: 0 });
    }
  });
});
