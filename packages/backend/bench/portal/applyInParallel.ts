import { applyObjects, Lab } from '@vane/mesh-lab';

/**
 * Applies objects to a lab: Namespaces and cluster-wide objects first, then each namespace's
 * objects in order, `concurrency` namespaces at a time (one namespace's Deployment before its
 * Canary, as a user would apply them).
 */
export async function applyInParallel(
  lab: Lab,
  objects: any[],
  concurrency: number,
): Promise<void> {
  await applyObjects(
    lab.kubeConfig,
    objects.filter(object => !object.metadata.namespace),
  );
  const byNamespace = new Map<string, any[]>();
  for (const object of objects.filter(o => o.metadata.namespace)) {
    const list = byNamespace.get(object.metadata.namespace) ?? [];
    list.push(object);
    byNamespace.set(object.metadata.namespace, list);
  }
  const queue = [...byNamespace.values()];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        await applyObjects(lab.kubeConfig, batch);
      }
    }),
  );
}
