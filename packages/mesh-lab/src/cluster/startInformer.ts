import {
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  ObjectCache,
  Watch,
} from '@kubernetes/client-node';

/** A running list+watch cache of one resource kind across all namespaces. */
export interface RunningInformer<T extends KubernetesObject> {
  cache: ObjectCache<T>;
  /** Resolves once the first list has been loaded. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a list+watch cache that survives the API server going away (a fault test stops it):
 * one loop lists, watches from the list's version, resumes the watch when the server ends it, and
 * after a broken watch or a 410 lists again (reporting the differences), retrying every second
 * while the API server does not answer. client-node's informer restarts itself from its watch's
 * done callback, which let two watch chains run at once after a restart and abort each other
 * until none was left (the lab then never saw a new Service): here there is only ever one.
 */
export function startInformer<T extends KubernetesObject>(
  kc: KubeConfig,
  path: string,
  list: () => Promise<KubernetesListObject<T>>,
  onChange?: (verb: 'add' | 'update' | 'delete', obj: T) => void,
): RunningInformer<T> {
  const objects = new Map<string, T>();
  const watch = new Watch(kc);
  let resourceVersion = '';
  let stopped = false;
  let current: AbortController | undefined;
  let wake: (() => void) | undefined;
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>(resolve => (markSynced = resolve));

  const keyOf = (obj: T) => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
  const upsert = (obj: T) => {
    const previous = objects.get(keyOf(obj));
    if (previous && previous.metadata?.resourceVersion === obj.metadata?.resourceVersion) return;
    objects.set(keyOf(obj), obj);
    onChange?.(previous ? 'update' : 'add', obj);
  };
  const remove = (obj: T) => {
    const previous = objects.get(keyOf(obj));
    if (!previous) return;
    objects.delete(keyOf(obj));
    onChange?.('delete', previous);
  };

  const relist = async () => {
    const listed = await list();
    const seen = new Set<string>();
    for (const item of listed.items ?? []) {
      seen.add(keyOf(item));
      upsert(item);
    }
    for (const [key, obj] of [...objects]) if (!seen.has(key)) remove(obj);
    resourceVersion = listed.metadata?.resourceVersion ?? '';
  };

  /** One watch from `resourceVersion`: whether it ended cleanly (resume) or broke (list again). */
  const watchOnce = () =>
    new Promise<'ended' | 'broken'>(resolve => {
      watch
        .watch(
          path,
          { resourceVersion, allowWatchBookmarks: true },
          (type: string, obj: any) => {
            if (type === 'ERROR') {
              // 410 Gone: the version is too old for the server; a fresh list follows.
              if (obj?.code === 410) resourceVersion = '';
              return;
            }
            if (type === 'DELETED') remove(obj);
            else if (type !== 'BOOKMARK') upsert(obj);
            resourceVersion = obj?.metadata?.resourceVersion ?? resourceVersion;
          },
          (err: unknown) => resolve(err ? 'broken' : 'ended'),
        )
        .then(controller => {
          current = controller;
          if (stopped) controller.abort();
        })
        .catch(() => resolve('broken'));
    });

  const pause = (ms: number) =>
    new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  void (async () => {
    let listed = false;
    while (!stopped) {
      try {
        if (!listed || !resourceVersion) {
          await relist();
          listed = true;
          markSynced();
        }
        const began = Date.now();
        const outcome = await watchOnce();
        current = undefined;
        if (outcome === 'ended' && resourceVersion) {
          // A server that ends every watch at once (it is shutting down) is not asked in a loop.
          if (Date.now() - began < 1000) await pause(1000);
          continue;
        }
        listed = false;
      } catch {
        listed = false;
      }
      if (!stopped) await pause(1000);
    }
  })();

  const cache: ObjectCache<T> = {
    get: (name: string, namespace?: string) => objects.get(`${namespace ?? ''}/${name}`),
    list: (namespace?: string) =>
      [...objects.values()].filter(obj => !namespace || obj.metadata?.namespace === namespace),
  };
  return {
    cache,
    synced,
    async stop() {
      stopped = true;
      current?.abort();
      wake?.();
    },
  };
}
