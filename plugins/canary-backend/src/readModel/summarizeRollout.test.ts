import type { Canary } from '@vane/plugin-canary-common';
import { summarizeRollout } from './summarizeRollout';
import { canaryObject } from '../service/__testUtils__/rolloutObjects';

function summarize(canary: unknown) {
  return summarizeRollout({
    cluster: 'east',
    entityRef: 'component:default/podinfo',
    canary: canary as Canary,
    events: [],
  });
}

describe('summarizeRollout', () => {
  it.each<[string, Record<string, unknown>, string, number[]]>([
    [
      'stepWeight up to maxWeight is a canary release',
      {},
      'canary',
      [20, 40, 60, 80],
    ],
    [
      'stepWeights are a canary release with those steps',
      { stepWeight: undefined, stepWeights: [5, 10, 50], maxWeight: 50 },
      'canary',
      [5, 10, 50],
    ],
    [
      'iterations with a match are A/B testing',
      {
        stepWeight: undefined,
        maxWeight: undefined,
        iterations: 10,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
      'ab',
      [],
    ],
    [
      'iterations without a match are blue/green',
      { stepWeight: undefined, maxWeight: undefined, iterations: 10 },
      'bluegreen',
      [],
    ],
  ])('%s', (_scenario, analysis, strategy, steps) => {
    const rollout = summarize(canaryObject('test', 'podinfo', {}, analysis));
    expect(rollout.spec.strategy).toBe(strategy);
    expect(rollout.spec.steps).toEqual(steps);
  });

  it("summarises Argo Rollouts' steps as a canary release with their weights, the steps as written, and the step under way with its pause", () => {
    const steps = [{ setWeight: 50 }, { pause: { duration: '10m' } }];
    const canary = canaryObject(
      'test',
      'podinfo',
      {},
      { stepWeight: undefined, maxWeight: undefined, steps },
    ) as any;
    canary.status = {
      phase: 'Progressing',
      canaryWeight: 50,
      currentStepIndex: 1,
      stepPause: {
        step: 1,
        startTime: '2026-11-22T12:00:00.000Z',
        endTime: '2026-11-22T12:10:00.000Z',
      },
    };
    const rollout = summarize(canary);
    expect(rollout.spec).toMatchObject({
      strategy: 'canary',
      steps: [50],
      canarySteps: steps,
    });
    expect(rollout.status).toMatchObject({
      canaryWeight: 50,
      currentStepIndex: 1,
      stepPause: {
        step: 1,
        startTime: '2026-11-22T12:00:00.000Z',
        endTime: '2026-11-22T12:10:00.000Z',
      },
    });
  });

  it('says why a spec is invalid instead of summarising it', () => {
    const rollout = summarize(
      canaryObject('test', 'podinfo', {}, { stepWeight: 0 }),
    );
    expect(rollout.spec).toEqual({
      valid: false,
      errors: ['analysis.stepWeight must be between 1 and 100 (got 0)'],
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      steps: [],
      metrics: [],
      skipAnalysis: false,
      suspend: false,
    });
  });

  it('answers a Canary the engine has not seen yet: no phase, zero counters, no primary image', () => {
    const rollout = summarize(canaryObject('test', 'podinfo'));
    expect(rollout.status).toEqual({
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      conditions: [],
      metrics: [],
    });
    expect(rollout.images).toEqual({ primary: [], canary: [] });
  });

  it('shows who paused the rollout, the gate it waits at and when it started', () => {
    const canary = canaryObject('test', 'podinfo', {
      phase: 'WaitingPromotion',
      canaryWeight: 80,
      startedAt: '2026-11-22T11:50:00Z',
      gate: {
        type: 'confirm-promotion',
        name: 'release-manager',
        revision: 'rev-b',
        servedByVane: true,
        since: '2026-11-22T11:58:00Z',
      },
    });
    const rollout = summarize({
      ...canary,
      metadata: {
        ...canary.metadata,
        annotations: { 'delivery.vane.dev/paused-by': 'user:default/ada' },
      },
    });
    expect(rollout.status).toMatchObject({
      pausedBy: 'user:default/ada',
      pendingGate: {
        type: 'confirm-promotion',
        name: 'release-manager',
        approvableInPortal: true,
      },
      startedAt: '2026-11-22T11:50:00Z',
    });
    const running = summarize(
      canaryObject('test', 'podinfo', { phase: 'Progressing' }),
    );
    expect(running.status.pausedBy).toBeUndefined();
    expect(running.status.pendingGate).toBeUndefined();
  });
});
