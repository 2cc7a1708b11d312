import { RecentCanaryEvents } from './RecentCanaryEvents';

function event(name: string, message: string, type = 'Normal') {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    involvedObject: { kind: 'Canary', namespace: 'test', name },
    reason: 'Synced',
    message,
    type,
    firstTimestamp: '2024-05-01T10:00:00Z',
    lastTimestamp: '2024-05-01T10:00:01Z',
    count: 1,
  };
}

describe('RecentCanaryEvents', () => {
  it('keeps the last events of each Canary, newest first, up to the limit', () => {
    const events = new RecentCanaryEvents(2);
    events.record(event('podinfo', 'Initialization done! podinfo.test'));
    events.record(
      event('other', 'New revision detected! Scaling up other.test'),
    );
    events.record(
      event('podinfo', 'New revision detected! Scaling up podinfo.test'),
    );
    events.record(
      event('podinfo', 'Advance podinfo.test canary weight 20', 'Warning'),
    );

    expect(events.forCanary('test', 'podinfo')).toEqual([
      {
        type: 'Warning',
        reason: 'Synced',
        message: 'Advance podinfo.test canary weight 20',
        time: '2024-05-01T10:00:01Z',
        count: 1,
      },
      {
        type: 'Normal',
        reason: 'Synced',
        message: 'New revision detected! Scaling up podinfo.test',
        time: '2024-05-01T10:00:01Z',
        count: 1,
      },
    ]);
    expect(events.forCanary('test', 'other').map(e => e.message)).toEqual([
      'New revision detected! Scaling up other.test',
    ]);
    expect(events.forCanary('test', 'unknown')).toEqual([]);
  });

  it('ignores Events about other kinds and tells listeners about Canary events', () => {
    const events = new RecentCanaryEvents();
    const heard: string[] = [];
    events.onRecord((namespace, name) => heard.push(`${namespace}/${name}`));
    events.record({
      ...event('podinfo', 'x'),
      involvedObject: { kind: 'Pod', namespace: 'test', name: 'podinfo' },
    });
    events.record(event('podinfo', 'Initialization done! podinfo.test'));
    expect(heard).toEqual(['test/podinfo']);
    expect(events.forCanary('test', 'podinfo')).toHaveLength(1);
  });
});
