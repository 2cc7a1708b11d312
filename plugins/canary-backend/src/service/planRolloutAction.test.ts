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
  ])(
    '%s on a %s rollout is a conflict that names the state',
    (action, phase, annotations, conflict) => {
      expect(
        planRolloutAction({ ...base, action, phase, annotations }),
      ).toEqual({ conflict });
    },
  );

  it('refuses an unknown action and lists the known ones', () => {
    expect(
      planRolloutAction({ ...base, action: 'explode', phase: 'Progressing' }),
    ).toEqual({
      invalid:
        'Unknown action "explode"; one of pause, resume, abort, promote, retry',
    });
  });
});
