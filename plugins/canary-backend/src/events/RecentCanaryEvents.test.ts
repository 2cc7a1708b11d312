import { RecentCanaryEvents } from './RecentCanaryEvents';

function event(
  canary: string,
  message: string,
  options: {
    type?: string;
    second?: number;
    name?: string;
    count?: number;
  } = {},
) {
  const second = options.second ?? 1;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: options.name ?? `${canary}.${message.length.toString(16)}`,
      namespace: 'test',
    },
    involvedObject: { kind: 'Canary', namespace: 'test', name: canary },
    reason: 'Synced',
    message,
    type: options.type ?? 'Normal',
    firstTimestamp: '2024-05-01T10:00:00Z',
    lastTimestamp: `2024-05-01T10:00:0${second}Z`,
    count: options.count ?? 1,
  };
}

describe('RecentCanaryEvents', () => {
  it('keeps the newest events of each Canary, newest first by time then name, up to the limit', () => {
    const events = new RecentCanaryEvents(2);
    events.record(
      event('podinfo', 'Initialization done! podinfo.test', { second: 1 }),
    );
    events.record(
      event('other', 'New revision detected! Scaling up other.test'),
    );
    // Arrives late (a relist, another replica's write), but is the newest.
    events.record(
      event('podinfo', 'Advance podinfo.test canary weight 20', {
        type: 'Warning',
        second: 3,
      }),
    );
    events.record(
      event('podinfo', 'New revision detected! Scaling up podinfo.test', {
        second: 2,
        name: 'podinfo.17a0000000000001',
      }),
    );
    events.record(
      event('podinfo', 'Starting canary analysis for podinfo.test', {
        second: 2,
        name: 'podinfo.17a0000000000002',
      }),
    );

    expect(events.forCanary('test', 'podinfo')).toEqual([
      {
        type: 'Warning',
        reason: 'Synced',
        message: 'Advance podinfo.test canary weight 20',
        time: '2024-05-01T10:00:03Z',
        count: 1,
      },
      {
        type: 'Normal',
        reason: 'Synced',
        message: 'Starting canary analysis for podinfo.test',
        time: '2024-05-01T10:00:02Z',
        count: 1,
      },
    ]);
    expect(events.forCanary('test', 'other').map(e => e.message)).toEqual([
      'New revision detected! Scaling up other.test',
    ]);
    expect(events.forCanary('test', 'unknown')).toEqual([]);
  });

  it('keeps one entry per Event name: the engine’s own record, then the watch’s copy and its update', () => {
    const events = new RecentCanaryEvents();
    const written = event('podinfo', 'Halt advancement podinfo.test', {
      name: 'podinfo.17a1',
    });
    events.record(written);
    events.record(written);
    events.record({
      ...written,
      count: 3,
      lastTimestamp: '2024-05-01T10:00:09Z',
    });
    expect(events.forCanary('test', 'podinfo')).toEqual([
      expect.objectContaining({
        message: 'Halt advancement podinfo.test',
        count: 3,
        time: '2024-05-01T10:00:09Z',
      }),
    ]);
  });

  it('forgets an Event the cluster expired, and tells listeners of Canary events only', () => {
    const events = new RecentCanaryEvents();
    const heard: string[] = [];
    events.onRecord((namespace, name) => heard.push(`${namespace}/${name}`));
    events.record({
      ...event('podinfo', 'x'),
      involvedObject: { kind: 'Pod', namespace: 'test', name: 'podinfo' },
    });
    const done = event('podinfo', 'Initialization done! podinfo.test');
    const next = event(
      'podinfo',
      'New revision detected! Scaling up podinfo.test',
      {
        second: 2,
      },
    );
    events.record(done);
    events.record(next);
    expect(events.forCanary('test', 'podinfo')).toHaveLength(2);

    events.forget(done);
    expect(events.forCanary('test', 'podinfo').map(e => e.message)).toEqual([
      'New revision detected! Scaling up podinfo.test',
    ]);
    events.forget(done); // Already gone: nothing to tell.
    events.forget(next);
    expect(events.forCanary('test', 'podinfo')).toEqual([]);
    expect(heard).toEqual([
      'test/podinfo',
      'test/podinfo',
      'test/podinfo',
      'test/podinfo',
    ]);
  });

  it("keeps a Flagger Canary's events apart from a Vane Canary of the same namespace and name", () => {
    const events = new RecentCanaryEvents();
    const vane = event('podinfo', 'Advance podinfo.test canary weight 20');
    const flagger = {
      ...event('podinfo', 'Starting canary analysis for podinfo.test', {
        name: 'podinfo.flagger',
      }),
      involvedObject: {
        apiVersion: 'flagger.app/v1beta1',
        kind: 'Canary',
        namespace: 'test',
        name: 'podinfo',
      },
    };
    events.record({
      ...vane,
      involvedObject: {
        ...vane.involvedObject,
        apiVersion: 'delivery.vane.dev/v1alpha1',
      },
    });
    events.record(flagger);
    expect(events.forCanary('test', 'podinfo').map(e => e.message)).toEqual([
      'Advance podinfo.test canary weight 20',
    ]);
    expect(
      events.forCanary('test', 'podinfo', 'flagger.app').map(e => e.message),
    ).toEqual(['Starting canary analysis for podinfo.test']);
    events.forget(flagger);
    expect(events.forCanary('test', 'podinfo', 'flagger.app')).toEqual([]);
    expect(events.forCanary('test', 'podinfo')).toHaveLength(1);
  });
});
