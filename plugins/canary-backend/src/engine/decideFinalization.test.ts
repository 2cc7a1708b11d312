import { decideFinalization } from './decideFinalization';
import type { ObservedWorld } from './ObservedWorld';

const DELETED_AT = '2026-11-22T10:00:00.000Z';

function canary(phase: 'Succeeded' | 'Terminating' = 'Succeeded') {
  return {
    name: 'podinfo',
    namespace: 'test',
    targetName: 'podinfo',
    progressDeadlineSeconds: 60,
    deletionTimestamp: DELETED_AT,
    status: { phase, failedChecks: 0, canaryWeight: 0 },
  };
}

function world(
  target: ObservedWorld['target'],
  now = '2026-11-22T10:00:05.000Z',
): ObservedWorld {
  return {
    now,
    target,
    primary: { exists: true, ready: true, revision: 'r1' },
  };
}

const SCALED_DOWN = {
  exists: true,
  ready: false,
  revision: 'r1',
  notReadyReason: 'scaled to zero replicas',
};

describe('decideFinalization', () => {
  it('given a target scaled to zero, turns Terminating, scales it up and keeps the finalizer', () => {
    const decision = decideFinalization(canary(), world(SCALED_DOWN));
    expect(decision.actions).toEqual([
      {
        type: 'event',
        severity: 'Normal',
        message:
          'Terminating canary podinfo.test: handing traffic back to Deployment test/podinfo',
      },
      { type: 'scaleTarget', to: 'primaryReplicas' },
    ]);
    expect(decision.status).toMatchObject({
      phase: 'Terminating',
      reason:
        'Waiting for Deployment test/podinfo to be ready before handing traffic back to it: scaled to zero replicas',
    });
  });

  it('given a Canary already Terminating, does not announce it again', () => {
    const decision = decideFinalization(
      canary('Terminating'),
      world(SCALED_DOWN),
    );
    expect(decision.actions).toEqual([
      { type: 'scaleTarget', to: 'primaryReplicas' },
    ]);
  });

  it('given a ready target, hands traffic back and removes the finalizer last', () => {
    const decision = decideFinalization(
      canary('Terminating'),
      world({ exists: true, ready: true, revision: 'r1' }),
    );
    expect(decision.actions.map(a => a.type)).toEqual([
      'handBackTraffic',
      'event',
      'removeFinalizer',
    ]);
    expect(decision.actions[1]).toMatchObject({
      severity: 'Normal',
      message: expect.stringContaining(
        'Traffic handed back to Deployment test/podinfo',
      ),
    });
    expect(decision.status).toBeUndefined();
  });

  it('given a target still not ready after progressDeadlineSeconds, hands traffic back anyway with a warning naming why', () => {
    const decision = decideFinalization(
      canary('Terminating'),
      world(
        {
          exists: true,
          ready: false,
          notReadyReason:
            'waiting for rollout to finish: 0 of 2 updated replicas are available',
        },
        '2026-11-22T10:01:00.000Z',
      ),
    );
    expect(decision.actions.map(a => a.type)).toEqual([
      'handBackTraffic',
      'event',
      'removeFinalizer',
    ]);
    expect(decision.actions[1]).toEqual({
      type: 'event',
      severity: 'Warning',
      message:
        'Traffic handed back to Deployment test/podinfo although it is not ready after progressDeadlineSeconds (60s): waiting for rollout to finish: 0 of 2 updated replicas are available',
    });
  });

  it('one second before the deadline, still waits', () => {
    const decision = decideFinalization(
      canary('Terminating'),
      world(SCALED_DOWN, '2026-11-22T10:00:59.000Z'),
    );
    expect(decision.actions.map(a => a.type)).toEqual(['scaleTarget']);
  });

  it('given the target gone, restores the routing objects, warns and lets the deletion go on', () => {
    const decision = decideFinalization(
      canary(),
      world({ exists: false, ready: false }),
    );
    expect(decision.actions.map(a => a.type)).toEqual([
      'event',
      'handBackTraffic',
      'event',
      'removeFinalizer',
    ]);
    expect(decision.actions[2]).toMatchObject({
      severity: 'Warning',
      message: expect.stringContaining('Deployment test/podinfo not found'),
    });
  });
});
