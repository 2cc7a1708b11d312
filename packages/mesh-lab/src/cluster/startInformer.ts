import {
  Informer,
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  ObjectCache,
  makeInformer,
} from '@kubernetes/client-node';

/** A running list+watch cache of one resource kind across all namespaces. */
export interface RunningInformer<T extends KubernetesObject> {
  cache: ObjectCache<T>;
  /** Resolves once the first list has been loaded. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts an informer (list, then watch) and restarts it after watch errors, which
 * client-node's informer does not do by itself; a dropped watch must not freeze the lab's view.
 */
export function startInformer<T extends KubernetesObject>(
  kc: KubeConfig,
  path: string,
  list: () => Promise<KubernetesListObject<T>>,
  onChange?: (verb: 'add' | 'update' | 'delete', obj: T) => void,
): RunningInformer<T> {
  const informer: Informer<T> & ObjectCache<T> = makeInformer(kc, path, list);
  let stopped = false;
  let restartTimer: NodeJS.Timeout | undefined;
  if (onChange) {
    informer.on('add', obj => onChange('add', obj));
    informer.on('update', obj => onChange('update', obj));
    informer.on('delete', obj => onChange('delete', obj));
  }
  informer.on('error', () => {
    if (stopped) return;
    restartTimer = setTimeout(() => {
      if (!stopped) informer.start().catch(() => undefined);
    }, 1000);
  });
  const synced = informer.start();
  // A failed first list is reported through 'error' and retried; keep the promise from rejecting unhandled.
  synced.catch(() => undefined);
  return {
    cache: informer,
    synced,
    async stop() {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      await informer.stop();
    },
  };
}
