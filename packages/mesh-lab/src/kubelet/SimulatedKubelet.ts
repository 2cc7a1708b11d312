import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  V1Pod,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { RunningInformer, startInformer } from '../cluster/startInformer';

/** Pods whose template carries this annotation start but never become Ready. */
export const CRASH_ANNOTATION = 'lab.vane.dev/crash';

export interface SimulatedKubeletOptions {
  nodeName?: string;
  /** How long a bound pod takes to become Running and Ready (default 1000 ms). */
  readyDelayMs?: number;
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/**
 * Stands in for the scheduler and a kubelet: registers a Node, binds Pending pods to it,
 * reports them Running and Ready after a delay, and finishes graceful deletions. Everything
 * else (ReplicaSets, Deployment availability, Endpoints) is computed by the real controllers.
 */
export class SimulatedKubelet {
  readonly nodeName: string;
  private readonly readyDelayMs: number;
  private readonly core: CoreV1Api;
  private informer?: RunningInformer<V1Pod>;
  private readonly inFlight = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextIp = 10;
  private stopped = false;
  private resync?: NodeJS.Timeout;

  constructor(private readonly kc: KubeConfig, options: SimulatedKubeletOptions = {}) {
    this.nodeName = options.nodeName ?? 'mesh-lab-node';
    this.readyDelayMs = options.readyDelayMs ?? 1000;
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async start(): Promise<void> {
    await this.registerNode();
    this.informer = startInformer<V1Pod>(
      this.kc,
      '/api/v1/pods',
      () => this.core.listPodForAllNamespaces(),
      (verb, pod) => {
        if (verb !== 'delete') this.reconcile(pod);
        else for (const step of ['delete', 'bind', 'run']) this.inFlight.delete(`${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid}/${step}`);
      },
    );
    await this.informer.synced;
    // A failed API call is retried on the next resync rather than lost.
    this.resync = setInterval(() => {
      for (const pod of this.informer?.cache.list() ?? []) this.reconcile(pod);
    }, 5000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resync) clearInterval(this.resync);
    for (const t of this.timers) clearTimeout(t);
    await this.informer?.stop();
  }

  private async registerNode(): Promise<void> {
    try {
      await this.core.createNode({
        body: {
          metadata: {
            name: this.nodeName,
            labels: { 'kubernetes.io/hostname': this.nodeName, 'kubernetes.io/os': 'linux' },
          },
        },
      });
    } catch (e: any) {
      if (e.code !== 409) throw e;
    }
    const now = new Date().toISOString();
    await this.core.patchNodeStatus(
      {
        name: this.nodeName,
        body: {
          status: {
            capacity: { cpu: '64', memory: '256Gi', pods: '1000' },
            allocatable: { cpu: '64', memory: '256Gi', pods: '1000' },
            addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'KubeletReady',
                message: 'mesh-lab simulated kubelet',
                lastHeartbeatTime: now,
                lastTransitionTime: now,
              },
            ],
          },
        },
      },
      mergePatch,
    );
  }

  private reconcile(pod: V1Pod): void {
    if (this.stopped) return;
    const name = pod.metadata!.name!;
    const namespace = pod.metadata!.namespace!;
    let action: (() => Promise<unknown>) | undefined;
    let delayMs = 0;
    let step: 'delete' | 'bind' | 'run' | undefined;
    if (pod.metadata!.deletionTimestamp) {
      step = 'delete';
      // A bound pod is only removed once its kubelet confirms the containers stopped.
      if (pod.spec?.nodeName === this.nodeName) {
        action = () =>
          this.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 });
      }
    } else if (!pod.spec?.nodeName) {
      step = 'bind';
      action = () =>
        this.core.createNamespacedPodBinding({
          name,
          namespace,
          body: {
            metadata: { name, namespace },
            target: { apiVersion: 'v1', kind: 'Node', name: this.nodeName },
          },
        });
    } else if (pod.spec.nodeName === this.nodeName && !pod.status?.podIP) {
      step = 'run';
      action = () => this.core.patchNamespacedPodStatus({ name, namespace, body: this.runningStatus(pod) }, mergePatch);
      delayMs = this.readyDelayMs;
    }
    if (!action) return;
    // Keyed per step: the watch event announcing the binding can arrive before the bind call
    // returns, and must still schedule the next step.
    const key = `${namespace}/${name}/${pod.metadata!.uid}/${step}`;
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // A done step stays recorded (the cache may still show the pod as before); a failed one is
      // forgotten so that the next watch event or resync retries it.
      action!().catch(() => this.inFlight.delete(key));
    }, delayMs);
    this.timers.add(timer);
  }

  private runningStatus(pod: V1Pod) {
    const crashes = pod.metadata?.annotations?.[CRASH_ANNOTATION] === 'true';
    const now = new Date().toISOString();
    const n = this.nextIp++;
    const ip = `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
    const ready = crashes ? 'False' : 'True';
    return {
      status: {
        phase: 'Running',
        hostIP: '127.0.0.1',
        podIP: ip,
        podIPs: [{ ip }],
        startTime: now,
        conditions: [
          { type: 'Initialized', status: 'True', lastTransitionTime: now },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
          { type: 'ContainersReady', status: ready, lastTransitionTime: now },
          { type: 'Ready', status: ready, lastTransitionTime: now },
        ],
        containerStatuses: (pod.spec?.containers ?? []).map(c => ({
          name: c.name,
          image: c.image,
          imageID: `mesh-lab://${c.image}`,
          containerID: `mesh-lab://${pod.metadata!.uid}/${c.name}`,
          ready: !crashes,
          started: !crashes,
          restartCount: crashes ? 3 : 0,
          state: crashes
            ? { waiting: { reason: 'CrashLoopBackOff', message: `${CRASH_ANNOTATION}=true` } }
            : { running: { startedAt: now } },
        })),
      },
    };
  }
}
