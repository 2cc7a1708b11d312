import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { podinfoWithAnalysis } from './testing/podinfoWithAnalysis';
import { buildCanaryEvent } from './buildCanaryEvent';

const { canary } = podinfoWithAnalysis({});
const now = new Date('2026-03-01T12:00:00.250Z');

describe('buildCanaryEvent', () => {
  it('given the engine advancing podinfo to 40%, builds the Normal Event kubectl describe shows, as Flagger records it', () => {
    const event = buildCanaryEvent({
      canary,
      severity: 'Normal',
      message: 'Advance podinfo.test canary weight 40',
      now,
    });

    expect(event).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'podinfo.1898b5d9c2c482f4', namespace: 'test' },
      involvedObject: {
        apiVersion: 'delivery.vane.dev/v1alpha1',
        kind: 'Canary',
        name: 'podinfo',
        namespace: 'test',
        uid: 'uid-podinfo',
        resourceVersion: '4711',
      },
      reason: 'Synced',
      message: 'Advance podinfo.test canary weight 40',
      type: 'Normal',
      source: { component: 'vane-canary' },
      reportingComponent: 'vane-canary',
      firstTimestamp: '2026-03-01T12:00:00Z',
      lastTimestamp: '2026-03-01T12:00:00Z',
      count: 1,
    });
    // Like client-go's recorder: the suffix is the Unix time in nanoseconds, in hex.
    const nanos = BigInt(`0x${event.metadata.name.split('.')[1]}`);
    expect(nanos / 1_000_000n).toBe(BigInt(now.getTime()));
    // The cluster writer takes it as any other object.
    const asObject: KubernetesObjectLike = event;
    expect(asObject.metadata.name).toBe('podinfo.1898b5d9c2c482f4');
  });

  it('given a Warning, keeps reason Synced (Flagger uses it for every event) and the given component', () => {
    const event = buildCanaryEvent({
      canary,
      severity: 'Warning',
      message: 'Rolling back podinfo.test failed checks threshold reached 3',
      now,
      component: 'vane-canary-lab',
    });
    expect([
      event.type,
      event.reason,
      event.source,
      event.reportingComponent,
    ]).toStrictEqual([
      'Warning',
      'Synced',
      { component: 'vane-canary-lab' },
      'vane-canary-lab',
    ]);
  });

  it('given different events in the same millisecond, names them differently; the same event twice, the same', () => {
    const name = (severity: 'Normal' | 'Warning', message: string) =>
      buildCanaryEvent({ canary, severity, message, now }).metadata.name;

    expect(
      new Set([
        name('Normal', 'Advance podinfo.test canary weight 40'),
        name('Warning', 'Advance podinfo.test canary weight 40'),
        name('Normal', 'Advance podinfo.test canary weight 60'),
      ]).size,
    ).toBe(3);
    expect(name('Normal', 'Advance podinfo.test canary weight 40')).toBe(
      name('Normal', 'Advance podinfo.test canary weight 40'),
    );
  });

  it('given a Canary without uid or resourceVersion yet, leaves them out of involvedObject', () => {
    const event = buildCanaryEvent({
      canary: { ...canary, metadata: { name: 'podinfo', namespace: 'test' } },
      severity: 'Normal',
      message: 'New revision detected',
      now,
    });
    expect(event.involvedObject).toStrictEqual({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      name: 'podinfo',
      namespace: 'test',
    });
  });

  it('given a Canary name of 253 characters, shortens it so the Event name stays a valid 253-character name', () => {
    const longName = `a${'-b'.repeat(126)}`;
    const event = buildCanaryEvent({
      canary: { ...canary, metadata: { name: longName, namespace: 'test' } },
      severity: 'Normal',
      message: 'x',
      now,
    });
    expect(event.metadata.name).toMatch(/^a(-b)+\.[0-9a-f]{16}$/);
    expect(event.metadata.name.length).toBeLessThanOrEqual(253);
    expect(event.involvedObject.name).toBe(longName);
  });
});
