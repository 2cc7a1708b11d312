import { CanaryStatus, validateCanarySpec } from '@vane/plugin-canary-common';
import { decideNextStep } from './decideNextStep';
import type { ObservedWorld } from './ObservedWorld';
import { planChecks } from './planChecks';
import { readOperatorRequests } from './readOperatorRequests';
import { workloadPods } from '../testing/workloadPods';

const result = validateCanarySpec({
  targetRef: { kind: 'Deployment', name: 'podinfo' },
  service: { port: 9898 },
  analysis: {
    interval: '30s',
    threshold: 3,
    maxWeight: 80,
    stepWeight: 20,
    metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
  },
});
if (!result.valid) throw new Error('invalid test spec');
const spec = result.spec;

const abort = JSON.stringify({
  action: 'abort',
  user: 'user:default/guest',
  at: '2026-11-22T12:00:00Z',
});
const promote = JSON.stringify({
  action: 'promote',
  user: 'user:default/ada',
  at: '2026-11-22T12:01:00Z',
});
const retry = JSON.stringify({
  action: 'retry',
  user: 'user:default/guest',
  at: '2026-11-22T12:02:00Z',
});

function world(
  annotations: Record<string, string>,
  target: Partial<ObservedWorld['target']> = {},
): ObservedWorld {
  return {
    now: '2026-11-22T12:05:00Z',
    target: {
      exists: true,
      revision: 'rev-b',
      pods: workloadPods(),
      ...target,
    },
    primary: { exists: true, pods: workloadPods(), revision: 'rev-a' },
    operator: readOperatorRequests(annotations),
  };
}

const progressing: CanaryStatus = {
  phase: 'Progressing',
  canaryWeight: 40,
  failedChecks: 1,
  lastAppliedSpec: 'rev-b',
  lastPromotedSpec: 'rev-a',
  lastTransitionTime: '2026-11-22T12:00:00Z',
};
const input = (status: CanaryStatus) => ({
  name: 'podinfo',
  namespace: 'test',
  spec,
  status,
});
// No check is measured: an operator's request is decided without any (reading one would throw).
const decide = (status: CanaryStatus, observed: ObservedWorld) =>
  decideNextStep(input(status), observed, { webhooks: {} });
const actionsOf = (d: ReturnType<typeof decide>) =>
  d.actions.filter(a => a.type !== 'event');

describe('operator requests', () => {
  it('given a pause at weight 40, holds the analysis: no checks, no step, no failure counted', () => {
    const observed = world({
      'delivery.vane.dev/paused-by': 'user:default/guest',
    });
    expect(planChecks(input(progressing), observed)).toEqual([]);
    const decision = decide(progressing, observed);
    expect(decision.actions).toEqual([]);
    expect(decision.status).toMatchObject({
      phase: 'Progressing',
      canaryWeight: 40,
      failedChecks: 1,
      reason:
        'Paused by user:default/guest: the analysis holds at weight 40 until resumed',
    });
  });

  it('given a pause while idle, does not start a rollout for a new revision', () => {
    const decision = decide(
      {
        phase: 'Succeeded',
        lastAppliedSpec: 'rev-a',
        lastPromotedSpec: 'rev-a',
      },
      world({ 'delivery.vane.dev/paused-by': 'user:default/ada' }),
    );
    expect(decision.actions).toEqual([]);
    expect(decision.status).toMatchObject({
      phase: 'Succeeded',
      reason: 'Paused by user:default/ada: the rollout waits until resumed',
    });
  });

  it('given an abort during analysis, rolls back now with the user in the reason, once', () => {
    const decision = decide(
      progressing,
      world({ 'delivery.vane.dev/request': abort }),
    );
    expect(actionsOf(decision)).toEqual([
      {
        type: 'setRoutes',
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      },
      { type: 'scaleTarget', to: 0 },
      { type: 'runWebhooks', webhookType: 'post-rollout' },
    ]);
    expect(decision.status).toMatchObject({
      phase: 'Failed',
      reason: 'Aborted by user:default/guest',
      lastHandledRequest: abort,
    });
    // The same request on the next tick is not handled again.
    const next = decide(
      decision.status,
      world({ 'delivery.vane.dev/request': abort }),
    );
    expect(next.actions).toEqual([]);
    expect(next.status.phase).toBe('Failed');
  });

  it('given a promote during analysis, skips the remaining steps and promotes', () => {
    const decision = decide(
      progressing,
      world({ 'delivery.vane.dev/request': promote }),
    );
    expect(actionsOf(decision)).toEqual([{ type: 'promotePrimary' }]);
    expect(decision.status).toMatchObject({
      phase: 'Promoting',
      lastHandledRequest: promote,
    });
  });

  it('given a retry of a failed rollout of the same revision, starts it again from weight 0', () => {
    const failed: CanaryStatus = {
      phase: 'Failed',
      canaryWeight: 0,
      failedChecks: 3,
      lastAppliedSpec: 'rev-b',
      lastPromotedSpec: 'rev-a',
      reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
    };
    const decision = decide(
      failed,
      world({ 'delivery.vane.dev/request': retry }),
    );
    expect(actionsOf(decision)).toEqual([
      { type: 'scaleTarget', to: 'primaryReplicas' },
    ]);
    expect(decision.status).toMatchObject({
      phase: 'Progressing',
      canaryWeight: 0,
      failedChecks: 0,
      lastHandledRequest: retry,
    });
  });

  it('given a request that does not fit the phase, ignores it with an event and changes nothing else', () => {
    const succeeded: CanaryStatus = {
      phase: 'Succeeded',
      lastAppliedSpec: 'rev-b',
      lastPromotedSpec: 'rev-b',
    };
    const decision = decide(
      succeeded,
      world({ 'delivery.vane.dev/request': promote }),
    );
    expect(decision.actions).toEqual([
      {
        type: 'event',
        severity: 'Normal',
        message:
          'Ignored promote by user:default/ada: podinfo.test is Succeeded',
      },
    ]);
    expect(decision.status).toMatchObject({
      phase: 'Succeeded',
      lastHandledRequest: promote,
    });
  });

  it('reports a malformed request instead of acting on it', () => {
    expect(
      readOperatorRequests({ 'delivery.vane.dev/request': 'abort' }),
    ).toEqual({
      invalid:
        'delivery.vane.dev/request must be JSON {"action":"abort"|"promote"|"retry","user":"...","at":"<time>"}, or {"action":"resume","step":<index>,"since":"<time>","user":"...","at":"<time>"} (got abort)',
    });
  });

  it('reads a resume of a pause step with the pause it names, and reports one that names none', () => {
    const resume = JSON.stringify({
      action: 'resume',
      step: 1,
      since: '2026-11-22T11:59:00Z',
      user: 'user:default/ada',
      at: '2026-11-22T12:00:00Z',
    });
    expect(
      readOperatorRequests({ 'delivery.vane.dev/request': resume }),
    ).toEqual({
      request: {
        action: 'resume',
        user: 'user:default/ada',
        raw: resume,
        pause: { step: 1, since: '2026-11-22T11:59:00Z' },
      },
    });
    expect(
      readOperatorRequests({
        'delivery.vane.dev/request': JSON.stringify({
          action: 'resume',
          user: 'user:default/ada',
          at: '2026-11-22T12:00:00Z',
        }),
      }).invalid,
    ).toMatch(/^delivery\.vane\.dev\/request must be JSON/);
  });

  it('reads an approval of a Vane-served gate, and reports a malformed one instead of acting on it', () => {
    const approval = {
      gate: 'confirm-traffic-increase',
      name: 'more-please',
      revision: 'rev-b',
      weight: 40,
      since: '2026-11-22T11:59:00Z',
      user: 'user:default/ada',
      at: '2026-11-22T12:00:00Z',
    };
    expect(
      readOperatorRequests({
        'delivery.vane.dev/approval': JSON.stringify(approval),
      }),
    ).toEqual({ approval });
    expect(
      readOperatorRequests({
        'delivery.vane.dev/approval': JSON.stringify({
          ...approval,
          weight: '40',
        }),
      }).invalid,
    ).toMatch(/^delivery\.vane\.dev\/approval must be JSON \{"gate":/);
  });
});
