/** One Server-Sent Event: its `event` name (`message` when unnamed) and its `data` lines. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Parses a `text/event-stream` body as the HTML spec's event stream format (fields `event` and
 * `data`, events ended by a blank line, `:` comments ignored), calling `onEvent` for each event.
 * Resolves when the stream ends.
 */
export async function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerSentEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.search(/\r?\n/);
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(
        buffer[newline] === '\r' ? newline + 2 : newline + 1,
      );
      if (line === '') {
        if (data.length > 0) {
          onEvent({ event, data: data.join('\n') });
        }
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = fieldValue;
        if (field === 'data') data.push(fieldValue);
      }
      newline = buffer.search(/\r?\n/);
    }
  }
}
