/** One `rollouts` event of a live stream, with when it arrived. */
export interface StreamedRollouts {
  /** Epoch ms when the event had arrived whole. */
  at: number;
  data: any;
}

/**
 * Reads a rollouts stream (Server-Sent Events, `event: rollouts`) of a backend over HTTP, as the
 * portal does, and keeps every event with its arrival time, until `close()`.
 */
export async function followRolloutStream(url: string, token: string) {
  const events: StreamedRollouts[] = [];
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) {
    throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  }
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as any as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (
          let end = buffer.indexOf('\n\n');
          end >= 0;
          end = buffer.indexOf('\n\n')
        ) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines
            .filter(line => line.startsWith('data: '))
            .map(line => line.slice('data: '.length))
            .join('\n');
          if (lines.includes('event: rollouts') && data) {
            events.push({ at: Date.now(), data: JSON.parse(data) });
          }
        }
      }
    } catch {
      // Closed by close(), or the backend died (a replica killed under test): the events so far stay.
    }
  })();
  return {
    events,
    async close() {
      abort.abort();
      await reading;
    },
  };
}
