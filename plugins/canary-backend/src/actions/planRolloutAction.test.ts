import { planRolloutAction } from './planRolloutAction';

const base = { user: 'user:default/guest', now: '2026-11-22T12:00:00Z' };
const request = (action: string) => ({
  metadata: {
    annotations: {
      'delivery.vane.dev/request': JSON.stringify({
        action,
        user: 'user:default/guest',
        at: '2026-11-22T12:00:00Z',
      }),
    },
  },
});

describe('planRolloutAction', () => {
  it.each([
    [
      'pause',
      'Progressing',
      {},
      {
        patch: {
          metadata: {
            annotations: {
              'delivery.vane.dev/paused-by': 'user:default/guest',
            },
          },
        },
        message: 'Paused by user:default/guest',
      },
    ],
    [
      'resume',
      'Progressing',
      { 'delivery.vane.dev/paused-by': 'user:default/ada' },
      {
        patch: {
          metadata: { annotations: { 'delivery.vane.dev/paused-by': null } },
        },
        message: 'Resumed by user:default/guest',
      },
    ],
    [
      'abort',
      'Progressing',
      {},
      {
        patch: request('abort'),
        message: 'Abort requested by user:default/guest',
      },
    ],
    [
      'promote',
      'WaitingPromotion',
      {},
      {
        patch: request('promote'),
        message: 'Promotion requested by user:default/guest',
      },
    ],
    [
      'retry',
      'Failed',
      {},
      {
        patch: request('retry'),
        message: 'Retry requested by user:default/guest',
      },
    ],
  ])(
    '%s on a %s rollout writes the annotation the engine acts on',
    (action, phase, annotations, expected) => {
      expect(
        planRolloutAction({ ...base, action, phase, annotations }),
      ).toEqual(expected);
    },
  );

  it.each([
    [
      'promote',
      'Succeeded',
      {},
      'Only a rollout under way can be promoted; this one is Succeeded',
    ],
    [
      'abort',
      'Initialized',
      {},
      'Only a rollout under way can be aborted; this one is Initialized',
    ],
    [
      'retry',
      'Progressing',
      {},
      'Only a failed rollout can be retried; this one is Progressing',
    ],
    ['resume', 'Progressing', {}, 'The rollout is not paused'],
    [
      'pause',
      'Progressing',
      { 'delivery.vane.dev/paused-by': 'user:default/ada' },
      'The rollout is already paused by user:default/ada',
    ],
    [
      'pause',
      'Promoting',
      {},
      'A Promoting rollout cannot be paused: the promotion is already under way',
    ],
    [
      'pause',
      'Terminating',
      {},
      'A Terminating canary cannot be paused: it is being deleted, and traffic is being handed back to its target',
    ],
  ])(
    '%s on a %s rollout is a conflict that names the state',
    (action, phase, annotations, conflict) => {
      expect(
        planRolloutAction({ ...base, action, phase, annotations }),
      ).toEqual({ conflict });
    },
  );

  describe('resume at a pause step of analysis.steps', () => {
    const stepPause = { step: 1, startTime: '2026-11-22T11:58:00Z' };

    it('asks the engine to resume that pause, naming it', () => {
      expect(
        planRolloutAction({
          ...base,
          action: 'resume',
          phase: 'Progressing',
          stepPause,
        }),
      ).toEqual({
        patch: {
          metadata: {
            annotations: {
              'delivery.vane.dev/request': JSON.stringify({
                action: 'resume',
                step: 1,
                since: '2026-11-22T11:58:00Z',
                user: 'user:default/guest',
                at: '2026-11-22T12:00:00Z',
              }),
            },
          },
        },
        message: 'Step 2 resumed by user:default/guest',
      });
    });

    it("lifts an operator's pause first, leaving the pause step for the next resume", () => {
      expect(
        planRolloutAction({
          ...base,
          action: 'resume',
          phase: 'Progressing',
          annotations: { 'delivery.vane.dev/paused-by': 'user:default/ada' },
          stepPause,
        }),
      ).toEqual({
        patch: {
          metadata: { annotations: { 'delivery.vane.dev/paused-by': null } },
        },
        message: 'Resumed by user:default/guest',
      });
    });

    it('is a conflict once the rollout no longer progresses', () => {
      expect(
        planRolloutAction({
          ...base,
          action: 'resume',
          phase: 'Failed',
          stepPause,
        }),
      ).toEqual({ conflict: 'The rollout is not paused' });
    });
  });

  it('refuses an unknown action and lists the known ones', () => {
    expect(
      planRolloutAction({ ...base, action: 'explode', phase: 'Progressing' }),
    ).toEqual({
      invalid:
        'Unknown action "explode"; one of pause, resume, abort, promote, retry, approve',
    });
  });

  describe('approve', () => {
    const promotionGate = {
      type: 'confirm-promotion' as const,
      name: 'release-manager',
      revision: 'rev-b',
      servedByVane: true,
      since: '2026-11-22T11:58:00Z',
    };
    const trafficGate = {
      type: 'confirm-traffic-increase' as const,
      name: 'more-please',
      revision: 'rev-b',
      canaryWeight: 40,
      servedByVane: true,
      since: '2026-11-22T11:59:00Z',
    };

    it('given a rollout waiting at a Vane-served confirm-promotion gate, writes an approval of exactly that wait', () => {
      const plan = planRolloutAction({
        ...base,
        action: 'approve',
        phase: 'WaitingPromotion',
        gate: promotionGate,
      });
      expect(plan).toEqual({
        patch: {
          metadata: {
            annotations: {
              'delivery.vane.dev/approval': JSON.stringify({
                gate: 'confirm-promotion',
                name: 'release-manager',
                revision: 'rev-b',
                since: '2026-11-22T11:58:00Z',
                user: 'user:default/guest',
                at: '2026-11-22T12:00:00Z',
              }),
            },
          },
        },
        message:
          'confirm-promotion gate release-manager approved by user:default/guest',
      });
    });

    it('given a rollout holding at weight 40 at a confirm-traffic-increase gate, names the step in the approval', () => {
      const plan = planRolloutAction({
        ...base,
        action: 'approve',
        phase: 'Progressing',
        gate: trafficGate,
      });
      expect('patch' in plan && plan.patch).toEqual({
        metadata: {
          annotations: {
            'delivery.vane.dev/approval': JSON.stringify({
              gate: 'confirm-traffic-increase',
              name: 'more-please',
              revision: 'rev-b',
              weight: 40,
              since: '2026-11-22T11:59:00Z',
              user: 'user:default/guest',
              at: '2026-11-22T12:00:00Z',
            }),
          },
        },
      });
    });

    it.each([
      [
        'a Succeeded rollout',
        'Succeeded',
        undefined,
        'Only a rollout waiting at a manual gate can be approved; this one is Succeeded and waits at no gate',
      ],
      [
        'a Progressing rollout at no gate',
        'Progressing',
        undefined,
        'Only a rollout waiting at a manual gate can be approved; this one is Progressing and waits at no gate',
      ],
      [
        'a rollout waiting at a gate served over HTTP',
        'WaitingPromotion',
        { ...promotionGate, servedByVane: false },
        'The rollout waits at the confirm-promotion webhook release-manager, which its own service opens; only gates with url vane://approval are approved in the portal',
      ],
    ])('refuses %s with a conflict', (_, phase, gate, conflict) => {
      expect(
        planRolloutAction({ ...base, action: 'approve', phase, gate }),
      ).toEqual({ conflict });
    });

    it('refuses to approve a wait twice, naming who approved it', () => {
      const approved = planRolloutAction({
        ...base,
        user: 'user:default/ada',
        action: 'approve',
        phase: 'WaitingPromotion',
        gate: promotionGate,
      });
      const annotations = (approved as any).patch.metadata.annotations;
      expect(
        planRolloutAction({
          ...base,
          action: 'approve',
          phase: 'WaitingPromotion',
          gate: promotionGate,
          annotations,
        }),
      ).toEqual({
        conflict:
          'The confirm-promotion gate release-manager is already approved by user:default/ada',
      });
      // A later wait at the same gate (another rollout of the same revision) is a new approval.
      expect(
        planRolloutAction({
          ...base,
          action: 'approve',
          phase: 'WaitingPromotion',
          gate: { ...promotionGate, since: '2026-11-22T12:30:00Z' },
          annotations,
        }),
      ).toHaveProperty('patch');
    });
  });
});
