import {
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  V1Pod,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { RunningInformer, startInformer } from '../cluster/startInformer';

/**
 * Pods whose template carries this annotation start but never become Ready; a running pod
 * annotated with it later stops being Ready (its container starts crash-looping).
 */
export const CRASH_ANNOTATION = 'lab.vane.dev/crash';

export interface SimulatedKubeletOptions {
  nodeName?: string;
  /** How long a bound pod takes to become Running and Ready (default 1000 ms). */
  readyDelayMs?: number;
}

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';

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
        else for (const step of ['delete', 'bind', 'run', 'crash']) this.inFlight.delete(`${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid}/${step}`);
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
    // The API server taints a new Node not-ready (NoSchedule) until the node lifecycle controller
    // sees it Ready; the lab does not run that controller, so the kubelet lifts the taint itself.
    // Without this the DaemonSet controller schedules no daemon pod on the Node.
    const node = await this.core.readNode({ name: this.nodeName });
    const taints = node.spec?.taints ?? [];
    const schedulable = taints.filter(t => t.key !== NOT_READY_TAINT);
    if (schedulable.length !== taints.length) {
      await this.core.patchNode(
        { name: this.nodeName, body: { spec: { taints: schedulable.length > 0 ? schedulable : null } } },
        mergePatch,
      );
    }
  }

  private reconcile(pod: V1Pod): void {
    if (this.stopped) return;
    const name = pod.metadata!.name!;
    const namespace = pod.metadata!.namespace!;
    let action: (() => Promise<unknown>) | undefined;
    let delayMs = 0;
    let step: 'delete' | 'bind' | 'run' | 'crash' | undefined;
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
    } else if (pod.spec.nodeName === this.nodeName && crashes(pod) && isReady(pod)) {
      step = 'crash';
      const ip = pod.status!.podIP!;
      action = () => this.core.patchNamespacedPodStatus({ name, namespace, body: podStatus(pod, ip, true) }, mergePatch);
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
    const n = this.nextIp++;
    return podStatus(pod, `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`, crashes(pod));
  }
}

function crashes(pod: V1Pod): boolean {
  return pod.metadata?.annotations?.[CRASH_ANNOTATION] === 'true';
}

function isReady(pod: V1Pod): boolean {
  return !!pod.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True');
}

/** A running pod's status at `ip`: Ready, or crash-looping (not Ready) when `crashed`. */
function podStatus(pod: V1Pod, ip: string, crashed: boolean) {
  const now = new Date().toISOString();
  const ready = crashed ? 'False' : 'True';
  return {
    status: {
      phase: 'Running',
      hostIP: '127.0.0.1',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: pod.status?.startTime ?? now,
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
        ready: !crashed,
        started: !crashed,
        restartCount: crashed ? 3 : 0,
        state: crashed
          ? { waiting: { reason: 'CrashLoopBackOff', message: `${CRASH_ANNOTATION}=true` } }
          : { running: { startedAt: now } },
      })),
    },
  };
}
