import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import type { KubernetesHttpClient } from './KubernetesHttpClient';

export type ListWatchVerb = 'add' | 'update' | 'delete';

/**
 * A list-then-watch cache of one resource collection, the way client-go's reflector keeps one:
 * list once, then watch from the list's resourceVersion; a watch the server ends is resumed from
 * the last version seen; a version the server no longer has (410 Gone) means a fresh list, with
 * the differences reported as events. Reads never reach the API server.
 *
 * Unlike the reflector, it knows when it may be behind: a watch that broke (the API server gone,
 * a reset connection) may have lost events, so from then on the cache is out of sync until a
 * fresh list has landed (`outOfSync` says why), and the engine does not act on it meanwhile.
 */
export class ListWatch {
  private readonly objects = new Map<string, KubernetesObjectLike>();
  private resourceVersion = '';
  /** Why the cache may be behind the API server; undefined while it follows it. */
  private behind?: string = 'not listed yet';
  private abort = new AbortController();
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly options: {
      client: KubernetesHttpClient;
      /** The collection, e.g. /apis/apps/v1/deployments. */
      path: string;
      apiVersion: string;
      kind: string;
      onEvent: (verb: ListWatchVerb, object: KubernetesObjectLike) => void;
      onError: (message: string) => void;
      /** Lists and watches only the objects this field selector picks. */
      fieldSelector?: string;
      /** Lists and watches only the objects this label selector picks. */
      labelSelector?: string;
      /** What the cache keeps of each object (default: all of it but managedFields). */
      keep?: (object: KubernetesObjectLike) => KubernetesObjectLike;
      /** Server-side watch timeout; the watch is resumed after it (default 300 s). */
      watchTimeoutSeconds?: number;
    },
  ) {}

  /** Lists the collection; resolves once the cache holds it and the watch is running. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.relist();
    void this.watchLoop();
  }

  get(
    namespace: string | undefined,
    name: string,
  ): KubernetesObjectLike | undefined {
    return this.objects.get(key(namespace, name));
  }

  /** Why the cache may miss changes (not listed yet, a broken watch not yet listed again); undefined in sync. */
  get outOfSync(): string | undefined {
    return this.behind;
  }

  list(namespace?: string): KubernetesObjectLike[] {
    const all = [...this.objects.values()];
    return namespace
      ? all.filter(o => o.metadata.namespace === namespace)
      : all;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.abort.abort();
  }

  /** The field and label selectors as query parameters, after `separator`; '' without any. */
  private selector(separator: '?' | '&'): string {
    const { fieldSelector, labelSelector } = this.options;
    const parameters = [
      ...(fieldSelector
        ? [`fieldSelector=${encodeURIComponent(fieldSelector)}`]
        : []),
      ...(labelSelector
        ? [`labelSelector=${encodeURIComponent(labelSelector)}`]
        : []),
    ];
    return parameters.length ? `${separator}${parameters.join('&')}` : '';
  }

  private async relist() {
    const list = await this.options.client.request<any>(
      'GET',
      `${this.options.path}${this.selector('?')}`,
    );
    const seen = new Set<string>();
    for (const item of list.items ?? []) {
      // List items carry no apiVersion/kind; the cache and the engine want them.
      const object = {
        apiVersion: this.options.apiVersion,
        kind: this.options.kind,
        ...item,
      };
      const id = key(object.metadata.namespace, object.metadata.name);
      seen.add(id);
      this.apply('ADDED', object);
    }
    for (const [id, object] of [...this.objects]) {
      if (!seen.has(id)) {
        this.objects.delete(id);
        this.options.onEvent('delete', object);
      }
    }
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    this.behind = undefined;
  }

  private apply(type: string, received: KubernetesObjectLike) {
    // managedFields are the API server's bookkeeping: never read here, not worth the memory.
    delete (received.metadata as Record<string, unknown>).managedFields;
    const object = this.options.keep?.(received) ?? received;
    const id = key(object.metadata.namespace, object.metadata.name);
    const previous = this.objects.get(id);
    if (type === 'DELETED') {
      this.objects.delete(id);
      this.options.onEvent('delete', object);
      return;
    }
    if (
      previous?.metadata.resourceVersion === object.metadata.resourceVersion
    ) {
      return;
    }
    this.objects.set(id, object);
    this.options.onEvent(previous ? 'update' : 'add', object);
  }

  private async watchLoop() {
    const timeout = this.options.watchTimeoutSeconds ?? 300;
    while (!this.stopped) {
      if (this.behind) {
        try {
          await this.relist();
        } catch (listError) {
          if (this.stopped) {
            return;
          }
          this.options.onError(
            `list of ${this.options.kind} failed (${
              (listError as Error).message
            }); retrying in 1s`,
          );
          await this.pause(1000);
          continue;
        }
      }
      this.abort = new AbortController();
      let gone = false;
      try {
        await this.options.client.watch(
          `${
            this.options.path
          }?watch=1&allowWatchBookmarks=true&timeoutSeconds=${timeout}&resourceVersion=${encodeURIComponent(
            this.resourceVersion,
          )}${this.selector('&')}`,
          event => {
            if (event.type === 'ERROR') {
              gone = event.object?.code === 410;
              return;
            }
            if (event.type === 'BOOKMARK') {
              this.resourceVersion =
                event.object?.metadata?.resourceVersion ?? this.resourceVersion;
              return;
            }
            this.apply(event.type, event.object);
            this.resourceVersion =
              event.object?.metadata?.resourceVersion ?? this.resourceVersion;
          },
          this.abort.signal,
        );
        if (gone && !this.stopped) {
          await this.relist();
        }
      } catch (error) {
        if (this.stopped) {
          return;
        }
        // Whatever happened while the watch was broken may be missing from the cache: it is out
        // of sync until a fresh list has landed (a watch resumed from the last version would
        // replay the changes only if the server still had them).
        this.behind ??= `watch of ${
          this.options.kind
        } failed at ${new Date().toISOString()}: ${(error as Error).message}`;
        this.options.onError(
          `watch of ${this.options.kind} failed (${
            (error as Error).message
          }); listing again in 1s`,
        );
        await this.pause(1000);
      }
    }
  }

  private pause(ms: number) {
    return new Promise(resolve => {
      this.retryTimer = setTimeout(resolve, ms);
    });
  }
}

function key(namespace: string | undefined, name: string) {
  return `${namespace ?? ''}/${name}`;
}
