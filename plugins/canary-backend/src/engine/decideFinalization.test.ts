import { decideFinalization } from './decideFinalization';
import type { ObservedWorld } from './ObservedWorld';
import { workloadPods } from '../testing/workloadPods';

const DELETED_AT = '2026-11-22T10:00:00.000Z';

function canary(phase: 'Succeeded' | 'Terminating' = 'Succeeded') {
  return {
    name: 'podinfo',
    namespace: 'test',
    targetKind: 'Deployment',
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
    primary: { exists: true, pods: workloadPods(), revision: 'r1' },
  };
}

const SCALED_DOWN = {
  exists: true,
  revision: 'r1',
  pods: workloadPods({
    desired: 0,
    scaledToZero: true,
    updated: 0,
    available: 0,
  }),
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
      world({ exists: true, pods: workloadPods(), revision: 'r1' }),
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
        { exists: true, pods: workloadPods({ available: 0 }) },
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
        'Traffic handed back to Deployment test/podinfo although it is not ready after progressDeadlineSeconds (60s): waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available',
    });
  });

  it('given a DaemonSet target with 1 of its 2 pods available, hands traffic back at canaryReadyThreshold 50 and waits at 100', () => {
    const halfReady = world({
      exists: true,
      pods: workloadPods({ kind: 'DaemonSet', available: 1 }),
    });
    const at = (canaryReadyThreshold: number) =>
      decideFinalization(
        {
          ...canary('Terminating'),
          targetKind: 'DaemonSet',
          canaryReadyThreshold,
        },
        halfReady,
      );
    expect(at(50).actions.map(a => a.type)).toEqual([
      'handBackTraffic',
      'event',
      'removeFinalizer',
    ]);
    expect(at(100).status?.reason).toBe(
      'Waiting for DaemonSet test/podinfo to be ready before handing traffic back to it: waiting for rollout to finish: 1 of 2 (readyThreshold 100%) updated pods are available',
    );
  });

  it('one second before the deadline, still waits', () => {
    const decision = decideFinalization(
      canary('Terminating'),
      world(SCALED_DOWN, '2026-11-22T10:00:59.000Z'),
    );
    expect(decision.actions.map(a => a.type)).toEqual(['scaleTarget']);
  });

  it('given the target gone, restores the routing objects, warns and lets the deletion go on', () => {
    const decision = decideFinalization(canary(), world({ exists: false }));
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
