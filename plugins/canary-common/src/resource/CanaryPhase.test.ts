import {
  CANARY_PHASES,
  isAnalysisUnderWay,
  isRolloutUnderWay,
  isTerminalPhase,
} from './CanaryPhase';

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

  it('names the phases of a rollout under way, and those of its analysis operators act on', () => {
    expect(CANARY_PHASES.filter(isRolloutUnderWay)).toEqual([
      'Waiting',
      'Progressing',
      'WaitingPromotion',
      'Promoting',
      'Finalising',
    ]);
    expect(CANARY_PHASES.filter(isAnalysisUnderWay)).toEqual([
      'Waiting',
      'Progressing',
      'WaitingPromotion',
    ]);
    expect(isRolloutUnderWay(undefined)).toBe(false);
  });
});
