import { CANARY_PHASES, isTerminalPhase } from './CanaryPhase';

describe('CanaryPhase', () => {
  it("keeps Flagger's eleven phases in lifecycle order", () => {
    expect(CANARY_PHASES).toEqual([
      'Initializing',
      'Initialized',
      'Waiting',
      'Progressing',
      'WaitingPromotion',
      'Promoting',
      'Finalising',
      'Succeeded',
      'Failed',
      'Terminating',
      'Terminated',
    ]);
  });

  it('treats only phases with no rollout under way as terminal', () => {
    const terminal = CANARY_PHASES.filter(isTerminalPhase);
    expect(terminal).toEqual([
      'Initialized',
      'Succeeded',
      'Failed',
      'Terminated',
    ]);
  });
});
