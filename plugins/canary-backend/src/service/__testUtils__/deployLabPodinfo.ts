import { podinfoObjects } from '@vane/mesh-lab';
import type { LabCluster } from '../../testing/LabCluster';

/**
 * Puts a podinfo workload in the lab as the portal tests need it: its namespace, and its
 * Deployment labelled `backstage.io/kubernetes-id: <name>` (how the sample catalog links its
 * entities), with its Service unless `service` is false (a Canary creates its own).
 */
export async function deployLabPodinfo(
  cluster: LabCluster,
  options: {
    namespace: string;
    name?: string;
    image: string;
    service?: boolean;
  },
): Promise<void> {
  const name = options.name ?? 'podinfo';
  await cluster.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: options.namespace },
  });
  for (const object of podinfoObjects({
    namespace: options.namespace,
    name,
    image: options.image,
    labels: { 'backstage.io/kubernetes-id': name },
    service: options.service,
  })) {
    await cluster.apply(object);
  }
}
