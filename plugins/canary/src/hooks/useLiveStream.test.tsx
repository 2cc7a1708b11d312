import { act, renderHook, waitFor } from '@testing-library/react';
import { useLiveStream } from './useLiveStream';

/** A stream the test feeds by hand, with a record of whether it is still open. */
function manualStream<T>() {
  const stream = {
    onData: undefined as ((data: T) => void) | undefined,
    onError: undefined as ((error: Error) => void) | undefined,
    open: false,
    subscribe: (onData: (data: T) => void, onError: (error: Error) => void) => {
      stream.onData = onData;
      stream.onError = onError;
      stream.open = true;
      return () => {
        stream.open = false;
      };
    },
  };
  return stream;
}

describe('useLiveStream', () => {
  it('shows the initial answer at once, then every answer of the stream', async () => {
    const stream = manualStream<string>();
    const { result } = renderHook(() =>
      useLiveStream(stream.subscribe, async () => 'from the request', []),
    );
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toBe('from the request'));
    act(() => stream.onData!('from the stream'));
    expect(result.current).toEqual({
      value: 'from the stream',
      loading: false,
    });
  });

  it('keeps the newer streamed answer when the initial request answers late', async () => {
    const stream = manualStream<string>();
    let answer: (value: string) => void = () => {};
    const { result } = renderHook(() =>
      useLiveStream(
        stream.subscribe,
        () =>
          new Promise<string>(resolve => {
            answer = resolve;
          }),
        [],
      ),
    );
    act(() => stream.onData!('weight 40'));
    await act(async () => answer('weight 20'));
    expect(result.current.value).toBe('weight 40');
  });

  it('keeps the last answer on screen when the stream drops, and clears the error with the next one', async () => {
    const stream = manualStream<string>();
    const { result } = renderHook(() =>
      useLiveStream(stream.subscribe, undefined, []),
    );
    act(() => stream.onData!('weight 40'));
    act(() => stream.onError!(new Error('The live stream ended')));
    expect(result.current.value).toBe('weight 40');
    expect(result.current.error?.message).toBe('The live stream ended');
    act(() => stream.onData!('weight 60'));
    expect(result.current).toEqual({ value: 'weight 60', loading: false });
  });

  it('closes the stream when the component goes, and opens none when there is nothing to follow', () => {
    const stream = manualStream<string>();
    const { unmount } = renderHook(() =>
      useLiveStream(stream.subscribe, undefined, []),
    );
    expect(stream.open).toBe(true);
    unmount();
    expect(stream.open).toBe(false);

    const { result } = renderHook(() =>
      useLiveStream<string>(undefined, undefined, []),
    );
    expect(result.current).toEqual({ loading: false });
  });
});
