import type { CanaryUnsubscribe } from './CanaryApi';

/** Opens one live connection to a stream path. */
export type OpenStream = (
  path: string,
  onData: (data: unknown) => void,
  onError: (error: Error) => void,
) => CanaryUnsubscribe;

interface Listener {
  onData: (data: any) => void;
  onError?: (error: Error) => void;
}

interface Stream {
  listeners: Set<Listener>;
  /** The last answer, for a listener that joins after it arrived. */
  last?: { data: unknown };
  close: CanaryUnsubscribe;
}

/**
 * One connection per stream path, however many components follow it: an entity page's rollouts
 * card and mesh health card read the same entity stream, and a browser allows only six
 * connections per host over HTTP/1.1, which long-lived streams would otherwise use up.
 * The connection closes when its last listener leaves.
 */
export class SharedStreams {
  private readonly streams = new Map<string, Stream>();

  constructor(private readonly open: OpenStream) {}

  subscribe<T>(
    path: string,
    onData: (data: T) => void,
    onError?: (error: Error) => void,
  ): CanaryUnsubscribe {
    const listener: Listener = { onData, onError };
    let stream = this.streams.get(path);
    if (stream) {
      const joined = stream;
      if (joined.last) {
        const { data } = joined.last;
        // Asynchronously, as a new connection would answer.
        queueMicrotask(() => {
          if (joined.listeners.has(listener)) onData(data as T);
        });
      }
    } else {
      const created: Stream = { listeners: new Set(), close: () => {} };
      this.streams.set(path, created);
      created.close = this.open(
        path,
        data => {
          created.last = { data };
          for (const each of [...created.listeners]) each.onData(data);
        },
        error => {
          for (const each of [...created.listeners]) each.onError?.(error);
        },
      );
      stream = created;
    }
    const subscribed = stream;
    subscribed.listeners.add(listener);
    return () => {
      if (!subscribed.listeners.delete(listener)) return;
      if (subscribed.listeners.size === 0) {
        subscribed.close();
        this.streams.delete(path);
      }
    };
  }
}
