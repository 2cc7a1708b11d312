import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { pausedArgoRollout, rolloutWith } from '../__testUtils__/sampleRollout';
import { planTimeline } from './planTimeline';
import { StepTimeline } from './StepTimeline';

describe('StepTimeline', () => {
  it('highlights the step the canary is at, with the weight it sets and the weight the mesh routes', async () => {
    // Weight 45 between the planned 40 and 60: the mesh routes more than step 2 set.
    await renderInTestApp(
      <StepTimeline rollout={rolloutWith({ canaryWeight: 45 })} />,
    );
    const timeline = screen.getByTestId('step-timeline');
    const current = within(timeline).getByTestId('step-1');
    expect(current).toHaveAttribute('aria-current', 'step');
    expect(current).toHaveTextContent('Step 2');
    expect(current).toHaveTextContent('set weight 40%');
    expect(current).toHaveTextContent('actual weight 45%');
    expect(timeline.querySelectorAll('[aria-current="step"]')).toHaveLength(1);
    expect(
      within(within(timeline).getByTestId('step-0')).getByLabelText('done'),
    ).toBeInTheDocument();
    expect(
      within(within(timeline).getByTestId('step-2')).queryByLabelText('done'),
    ).toBeNull();
    expect(within(timeline).getByTestId('step-4')).toHaveTextContent(
      'Promotion',
    );
  });
});

describe('planTimeline', () => {
  const states = (rollout: Parameters<typeof planTimeline>[0]) =>
    planTimeline(rollout).map(step => step.state);

  it('waits at the promotion step while a promotion gate holds the rollout', () => {
    expect(
      states(rolloutWith({ phase: 'WaitingPromotion', canaryWeight: 80 })),
    ).toEqual(['done', 'done', 'done', 'done', 'current']);
  });

  it('has done every step once the rollout succeeded, and none current after a failure', () => {
    expect(
      states(rolloutWith({ phase: 'Succeeded', canaryWeight: 0 })),
    ).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(states(rolloutWith({ phase: 'Failed', canaryWeight: 0 }))).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('counts iterations for a blue/green release', () => {
    const steps = planTimeline(
      rolloutWith(
        { phase: 'Progressing', canaryWeight: 0, iterations: 2 },
        { strategy: 'bluegreen', steps: [], iterations: 4 },
      ),
    );
    expect(steps.map(s => `${s.label}:${s.state}`)).toEqual([
      'Iteration 1:done',
      'Iteration 2:done',
      'Iteration 3:current',
      'Iteration 4:pending',
      'Promotion:pending',
    ]);
  });

  it("lists an Argo Rollout's steps as its dashboard does, worded as a Vane Canary's: the current one from its step index, no promotion after them", () => {
    expect(planTimeline(pausedArgoRollout)).toEqual([
      { label: 'Step 1', setWeight: 20, state: 'done' },
      {
        label: 'Step 2',
        detail: 'pause until resumed: waits for an owner',
        state: 'current',
      },
      { label: 'Step 3', setWeight: 60, state: 'pending' },
      { label: 'Step 4', detail: 'pause 10s', state: 'pending' },
    ]);
    const argo = pausedArgoRollout.argoRollouts!;
    const at = (phase: any, currentStepIndex: number) =>
      states({
        ...pausedArgoRollout,
        status: { ...pausedArgoRollout.status, phase },
        argoRollouts: { ...argo, currentStepIndex },
      });
    expect(at('Healthy', 4)).toEqual(['done', 'done', 'done', 'done']);
    // Aborted: back to the first step, none under way.
    expect(at('Degraded', 0)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it("says until when an Argo Rollout's timed pause step holds it, as a Vane Canary's", () => {
    const argo = pausedArgoRollout.argoRollouts!;
    const startTime = '2026-01-01T12:00:00Z';
    const timeline = planTimeline({
      ...pausedArgoRollout,
      argoRollouts: {
        ...argo,
        currentStepIndex: 3,
        pauseConditions: [{ reason: 'CanaryPauseStep', startTime }],
      },
    });
    expect(timeline[3]).toEqual({
      label: 'Step 4',
      detail: `pause 10s, until ${new Date(
        '2026-01-01T12:00:10Z',
      ).toLocaleTimeString()}`,
      state: 'current',
    });
  });
});

describe("the timeline of Argo Rollouts' steps", () => {
  const steps = [
    { setWeight: 20 },
    { pause: { duration: '10m' } },
    {
      setHeaderRoute: {
        name: 'beta',
        match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
      },
    },
    { pause: {} },
    { setWeight: 60 },
  ];
  const stepped = (status: Parameters<typeof rolloutWith>[0]) =>
    rolloutWith(status, { steps: [20, 60], canarySteps: steps });

  it('lists every step as written, the one under way current, a timed pause with its end', async () => {
    const endTime = '2026-01-01T12:10:00.000Z';
    await renderInTestApp(
      <StepTimeline
        rollout={stepped({
          phase: 'Progressing',
          canaryWeight: 20,
          currentStepIndex: 1,
          stepPause: {
            step: 1,
            startTime: '2026-01-01T12:00:00.000Z',
            endTime,
          },
        })}
      />,
    );
    const timeline = screen.getByTestId('step-timeline');
    expect(within(timeline).getByTestId('step-0')).toHaveTextContent(
      'set weight 20%',
    );
    const current = within(timeline).getByTestId('step-1');
    expect(current).toHaveAttribute('aria-current', 'step');
    expect(current).toHaveTextContent(
      `pause 10m, until ${new Date(endTime).toLocaleTimeString()}`,
    );
    expect(current).toHaveTextContent('actual weight 20%');
    expect(within(timeline).getByTestId('step-2')).toHaveTextContent(
      'header route beta',
    );
    expect(within(timeline).getByTestId('step-3')).toHaveTextContent(
      'pause until resumed',
    );
    expect(within(timeline).getByTestId('step-5')).toHaveTextContent(
      'Promotion',
    );
  });

  it('says a pause {} under way waits for an owner', () => {
    const [, , , held] = planTimeline(
      stepped({
        phase: 'Progressing',
        canaryWeight: 20,
        currentStepIndex: 3,
        stepPause: { step: 3, startTime: '2026-01-01T12:00:00.000Z' },
      }),
    );
    expect(held).toEqual({
      label: 'Step 4',
      detail: 'pause until resumed: waits for an owner',
      state: 'current',
    });
  });

  it('follows the status: before the first step, promoting, succeeded', () => {
    const states = (status: Parameters<typeof rolloutWith>[0]) =>
      planTimeline(stepped(status)).map(step => step.state);
    expect(states({ phase: 'Progressing', canaryWeight: 0 })).toEqual([
      'current',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(
      states({ phase: 'Promoting', canaryWeight: 60, currentStepIndex: 5 }),
    ).toEqual(['done', 'done', 'done', 'done', 'done', 'current']);
    expect(states({ phase: 'Succeeded', canaryWeight: 0 })).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
  });
});
