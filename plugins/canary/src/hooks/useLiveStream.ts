import { DependencyList, useEffect, useState } from 'react';
import type { CanaryUnsubscribe } from '../api/CanaryApi';

/**
 * What a live view knows: the latest answer, the last error (a dropped stream keeps the latest
 * answer on screen and says so), and whether anything has arrived yet.
 *
 * @public
 */
export interface LiveStreamState<T> {
  value?: T;
  error?: Error;
  loading: boolean;
}

/**
 * Follows a live stream while the component is mounted: `subscribe` starts it (the CanaryApi
 * stream methods have this shape) and `initial`, when given, asks for a first answer at once so
 * the view does not wait for the stream's first event. An answer from the stream always wins over
 * the initial one, which may have been computed earlier. Restarts when `deps` change.
 *
 * @public
 */
export function useLiveStream<T>(
  subscribe:
    | ((
        onData: (data: T) => void,
        onError: (error: Error) => void,
      ) => CanaryUnsubscribe)
    | undefined,
  initial: (() => Promise<T>) | undefined,
  deps: DependencyList,
): LiveStreamState<T> {
  const [state, setState] = useState<LiveStreamState<T>>({
    loading: subscribe !== undefined,
  });

  useEffect(() => {
    if (!subscribe) {
      setState({ loading: false });
      return undefined;
    }
    setState({ loading: true });
    let stopped = false;
    let streamed = false;
    const unsubscribe = subscribe(
      data => {
        if (stopped) return;
        streamed = true;
        setState({ value: data, loading: false });
      },
      error => {
        if (stopped) return;
        setState(previous => ({ ...previous, error, loading: false }));
      },
    );
    initial?.().then(
      data => {
        if (!stopped && !streamed) setState({ value: data, loading: false });
      },
      error => {
        if (!stopped && !streamed)
          setState(previous => ({ ...previous, error, loading: false }));
      },
    );
    return () => {
      stopped = true;
      unsubscribe();
    };
    // The caller names what the stream depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return state;
}
