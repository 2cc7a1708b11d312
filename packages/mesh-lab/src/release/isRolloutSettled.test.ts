import { isRolloutSettled } from './isRolloutSettled';

describe('isRolloutSettled', () => {
  it.each(['Initialized', 'Succeeded', 'Failed'])(
    'lets the driver release after %s',
    phase => {
      expect(isRolloutSettled(phase)).toBe(true);
    },
  );

  it.each([
    'Initializing',
    'Waiting',
    'Progressing',
    'WaitingPromotion',
    'Promoting',
    'Finalising',
    'Terminating',
    'Terminated',
    undefined,
  ])('holds the next release while the Canary is %s', phase => {
    expect(isRolloutSettled(phase)).toBe(false);
  });
});
