import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { waitFor } from '../controlplane/waitFor';
import { applyObjects } from './applyObjects';

/** The annotation of a lab pod that a 127.0.0.1 port of this machine serves. */
export const LOCAL_PORT_ANNOTATION = 'mesh-lab.vane.dev/local-port';

/** A Service of the lab cluster whose pod is a server of this machine. */
export interface InClusterService {
  namespace: string;
  name: string;
  /** The Service's (and its pod's container) port. */
  port: number;
  /** The 127.0.0.1 port that answers for the pod. */
  localPort: number;
}

/**
 * Makes a local server (the lab's Prometheus, its load tester) a Service of the lab cluster: a
 * pod annotated with the local port, and a Service selecting it, so the API server's service
 * proxy reaches it through the lab's pod network (ClusterNetworkProxy). Resolves once the
 * Service has a ready endpoint.
 */
export async function serveInCluster(kc: KubeConfig, service: InClusterService): Promise<void> {
  const { namespace, name, port, localPort } = service;
  const labels = { app: name, 'mesh-lab.vane.dev/served-locally': 'true' };
  await applyObjects(kc, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-0`,
      namespace,
      labels,
      annotations: { [LOCAL_PORT_ANNOTATION]: String(localPort) },
    },
    spec: {
      // Nothing runs in it: no token to mount, so it need not wait for the namespace's.
      automountServiceAccountToken: false,
      containers: [{ name, image: `mesh-lab/${name}`, ports: [{ containerPort: port }] }],
    },
  };
  // A fresh namespace has no default ServiceAccount for a moment; pods are refused until it has.
  let refusal = '';
  await waitFor(
    `Pod ${namespace}/${name}-0 to be accepted`,
    () =>
      applyObjects(kc, [pod]).then(
        () => true,
        error => {
          refusal = (error as Error).message;
          return false;
        },
      ),
    { timeoutMs: 30_000, intervalMs: 200, observe: () => refusal },
  );
  await applyObjects(kc, [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { selector: labels, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
    } as any,
  ]);
  const core = kc.makeApiClient(CoreV1Api);
  await waitFor(
    `Service ${namespace}/${name} to have a ready endpoint (its pod Running with an IP)`,
    async () => {
      const endpoints = await core
        .readNamespacedEndpoints({ name, namespace })
        .catch(() => undefined);
      return (endpoints?.subsets ?? []).some(
        subset => (subset.addresses ?? []).length > 0,
      );
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

/**
 * The local port the lab pod at `ip` stands for (LOCAL_PORT_ANNOTATION), when `port` is one its
 * containers declare; undefined otherwise.
 */
export async function localPortOfPod(kc: KubeConfig, ip: string, port: number): Promise<number | undefined> {
  const core = kc.makeApiClient(CoreV1Api);
  const pods = await core.listPodForAllNamespaces({ fieldSelector: `status.podIP=${ip}` });
  const pod = pods.items.find(
    item =>
      item.metadata?.annotations?.[LOCAL_PORT_ANNOTATION] !== undefined &&
      item.spec?.containers.some(container => container.ports?.some(p => p.containerPort === port)),
  );
  const localPort = Number(pod?.metadata?.annotations?.[LOCAL_PORT_ANNOTATION]);
  return Number.isInteger(localPort) && localPort > 0 && localPort < 65536 ? localPort : undefined;
}
