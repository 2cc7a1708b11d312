import { SharedStreams } from './SharedStreams';

/** A stand-in for the HTTP connection: records what was opened and lets the test push answers. */
function connections() {
  const opened: Array<{
    path: string;
    push: (data: unknown) => void;
    fail: (error: Error) => void;
    closed: boolean;
  }> = [];
  const open = (
    path: string,
    onData: (data: unknown) => void,
    onError: (error: Error) => void,
  ) => {
    const connection = { path, push: onData, fail: onError, closed: false };
    opened.push(connection);
    return () => {
      connection.closed = true;
    };
  };
  return { opened, streams: new SharedStreams(open) };
}

describe('SharedStreams', () => {
  it('gives two followers of one path one connection, and both every answer', () => {
    const { opened, streams } = connections();
    const card: unknown[] = [];
    const health: unknown[] = [];
    streams.subscribe('/entities/a/rollouts/stream', d => card.push(d));
    streams.subscribe('/entities/a/rollouts/stream', d => health.push(d));
    expect(opened).toHaveLength(1);

    opened[0].push({ items: 1 });
    expect(card).toEqual([{ items: 1 }]);
    expect(health).toEqual([{ items: 1 }]);
  });

  it('hands a late follower the last answer at once, asynchronously', async () => {
    const { opened, streams } = connections();
    streams.subscribe('/s', () => {});
    opened[0].push({ items: 2 });
    const late: unknown[] = [];
    streams.subscribe('/s', d => late.push(d));
    expect(late).toEqual([]);
    await Promise.resolve();
    expect(late).toEqual([{ items: 2 }]);
    expect(opened).toHaveLength(1);
  });

  it('keeps the connection while anyone follows, and closes it with the last', () => {
    const { opened, streams } = connections();
    const leaveCard = streams.subscribe('/s', () => {});
    const leaveHealth = streams.subscribe('/s', () => {});
    leaveCard();
    leaveCard();
    expect(opened[0].closed).toBe(false);
    leaveHealth();
    expect(opened[0].closed).toBe(true);

    streams.subscribe('/s', () => {});
    expect(opened).toHaveLength(2);
    expect(opened[1].closed).toBe(false);
  });

  it('opens one connection per path, and tells each path its own errors', () => {
    const { opened, streams } = connections();
    const errors: string[] = [];
    streams.subscribe(
      '/a',
      () => {},
      e => errors.push(`a: ${e.message}`),
    );
    streams.subscribe(
      '/b',
      () => {},
      e => errors.push(`b: ${e.message}`),
    );
    expect(opened.map(c => c.path)).toEqual(['/a', '/b']);
    opened[1].fail(new Error('dropped'));
    expect(errors).toEqual(['b: dropped']);
  });

  it('sends nothing to a follower that left before its late answer was due', async () => {
    const { opened, streams } = connections();
    streams.subscribe('/s', () => {});
    opened[0].push({ items: 3 });
    const late: unknown[] = [];
    const leave = streams.subscribe('/s', d => late.push(d));
    leave();
    await Promise.resolve();
    expect(late).toEqual([]);
  });
});
