import {
  CanaryStatus,
  CanaryWebhookType,
  validateCanarySpec,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import { CheckReads } from './CheckReads';
import type {
  MetricCheckResult,
  PlannedCheck,
  WebhookResult,
} from './CheckResults';
import { decideNextStep, DecisionInput } from './decideNextStep';
import type { ObservedWorld } from './ObservedWorld';
import { planChecks } from './planChecks';
import { runPlannedChecks } from './runPlannedChecks';
import { workloadPods } from '../testing/workloadPods';

const NOW = '2026-11-22T12:00:00Z';
const EARLIER = '2026-11-22T11:59:30Z';

/** The checks a tick can ask: every webhook type the decision judges, and the metrics. */
const CHECKS: PlannedCheck[] = [
  'rollback',
  'confirm-rollout',
  'pre-rollout',
  'rollout',
  'confirm-traffic-increase',
  'confirm-promotion',
  'metrics',
];

/** The seed Canary (stepWeight 20 to 80, threshold 3), with one HTTP hook of every type. */
function spec(
  overrides: Record<string, unknown> = {},
  analysis: Record<string, unknown> = {},
): ValidCanarySpec {
  const result = validateCanarySpec({
    targetRef: { kind: 'Deployment', name: 'podinfo' },
    progressDeadlineSeconds: 60,
    service: { port: 9898 },
    ...overrides,
    analysis: {
      interval: '30s',
      threshold: 3,
      maxWeight: 80,
      stepWeight: 20,
      metrics: [{ name: 'request-success-rate', thresholdRange: { min: 99 } }],
      webhooks: [
        ...CHECKS.filter(check => check !== 'metrics'),
        'post-rollout',
      ].map(type => ({
        name: `${type}-hook`,
        type,
        url: `http://hooks.test/${type}`,
      })),
      ...analysis,
    },
  });
  if (!result.valid) {
    throw new Error(result.errors.map(e => e.message).join('; '));
  }
  return result.spec;
}

const analysed = spec();
/** Gates an owner approves in the portal (approvals are operator data, not checks). */
const gated = spec(
  {},
  {
    webhooks: [
      { name: 'go', type: 'confirm-rollout', url: 'vane://approval' },
      {
        name: 'more',
        type: 'confirm-traffic-increase',
        url: 'vane://approval',
      },
      { name: 'ship', type: 'confirm-promotion', url: 'vane://approval' },
      { name: 'abort', type: 'rollback', url: 'http://hooks.test/rollback' },
    ],
  },
);
const approval = (gate: string, name: string, weight?: number) => ({
  approval: {
    gate,
    name,
    revision: 'rev-b',
    ...(weight === undefined ? {} : { weight }),
    since: EARLIER,
    user: 'user:default/ada',
    at: NOW,
  },
});
const abTest = spec(
  {},
  {
    stepWeight: undefined,
    maxWeight: undefined,
    iterations: 10,
    match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
  },
);

/** The seed Canary whose first step mirrors the traffic at weight 0. */
const mirrorFirst = spec({}, { mirror: true });
const blueGreen = spec(
  {},
  { stepWeight: undefined, maxWeight: undefined, iterations: 3 },
);

/** Argo Rollouts' steps: a header route, a weight, a timed pause, a pause until resumed. */
const stepped = spec(
  {},
  {
    stepWeight: undefined,
    maxWeight: undefined,
    steps: [
      {
        setHeaderRoute: {
          name: 'beta',
          match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
        },
      },
      { setWeight: 50 },
      { pause: { duration: '10m' } },
      { pause: {} },
    ],
  },
);

function world(
  target: Partial<ObservedWorld['target']> = {},
  operator?: ObservedWorld['operator'],
): ObservedWorld {
  return {
    now: NOW,
    target: {
      exists: true,
      revision: 'rev-b',
      pods: workloadPods(),
      ...target,
    },
    primary: { exists: true, pods: workloadPods(), revision: 'rev-a' },
    ...(operator ? { operator } : {}),
  };
}

function status(
  phase: CanaryStatus['phase'],
  fields: Partial<CanaryStatus> = {},
) {
  return {
    phase,
    canaryWeight: 0,
    failedChecks: 0,
    iterations: 0,
    lastAppliedSpec: 'rev-b',
    lastPromotedSpec: 'rev-a',
    lastTransitionTime: EARLIER,
    ...fields,
  } as CanaryStatus;
}
const idle = (phase: CanaryStatus['phase']) =>
  status(phase, { lastAppliedSpec: 'rev-a' });

/** How each check comes out if it is asked; those not named pass (rollback: not asked for). */
type Outcomes = Partial<Record<PlannedCheck, 'passes' | 'fails'>>;

function answer(type: CanaryWebhookType, outcomes: Outcomes): WebhookResult[] {
  // A rollback hook "passes" when it asks for a rollback.
  const passes =
    type === 'rollback'
      ? outcomes.rollback === 'passes'
      : outcomes[type] !== 'fails';
  return [
    {
      name: `${type}-hook`,
      type,
      passed: passes,
      ...(passes ? {} : { message: 'HTTP 403: not yet' }),
    },
  ];
}

function metrics(outcomes: Outcomes): MetricCheckResult[] {
  return outcomes.metrics === 'fails'
    ? [
        {
          name: 'request-success-rate',
          value: 91.8,
          passed: false,
          reason: 'request-success-rate 91.8% < 99%',
        },
      ]
    : [
        {
          name: 'request-success-rate',
          value: 100,
          passed: true,
          reason: 'request-success-rate 100% >= 99%',
        },
      ];
}

/** One tick's checks as the engine runs them, with what it asked in order. */
async function tick(
  canary: DecisionInput,
  observed: ObservedWorld,
  outcomes: Outcomes,
) {
  const asked: PlannedCheck[] = [];
  const results = await runPlannedChecks(canary, observed, {
    webhooks: async type => {
      asked.push(type);
      return answer(type, outcomes);
    },
    metrics: async () => {
      asked.push('metrics');
      return metrics(outcomes);
    },
  });
  return { asked, results };
}

const input = (
  canaryStatus: CanaryStatus,
  canarySpec: ValidCanarySpec = analysed,
): DecisionInput => ({
  name: 'podinfo',
  namespace: 'test',
  spec: canarySpec,
  status: canaryStatus,
});

/** A state of the rollout the decision can meet, by name. */
const STATES: Array<[string, DecisionInput, ObservedWorld]> = [
  [
    'a new Canary without primary',
    input({}),
    { ...world(), primary: { exists: false } },
  ],
  [
    'Initializing with the primary ready',
    input(status('Initializing')),
    world(),
  ],
  [
    'Initialized, no new revision',
    input(idle('Initialized')),
    world({ revision: 'rev-a' }),
  ],
  ['Initialized and a new revision', input(idle('Initialized')), world()],
  ['Succeeded and a new revision', input(idle('Succeeded')), world()],
  ['Failed and a new revision', input(idle('Failed')), world()],
  ['Failed, reverted', input(status('Failed')), world({ revision: 'rev-a' })],
  ['Waiting at confirm-rollout', input(idle('Waiting')), world()],
  ['Waiting, reverted', input(idle('Waiting')), world({ revision: 'rev-a' })],
  ['Progressing at weight 0', input(status('Progressing')), world()],
  [
    'Progressing at weight 20',
    input(status('Progressing', { canaryWeight: 20 })),
    world(),
  ],
  [
    'Progressing at weight 60',
    input(status('Progressing', { canaryWeight: 60 })),
    world(),
  ],
  [
    'Progressing at weight 80, the last step',
    input(status('Progressing', { canaryWeight: 80 })),
    world(),
  ],
  [
    'Progressing with the canary not ready',
    input(status('Progressing', { canaryWeight: 40 })),
    world({ pods: workloadPods({ available: 0 }) }),
  ],
  [
    'Progressing, not ready past the deadline',
    input(
      status('Progressing', {
        canaryWeight: 40,
        lastTransitionTime: '2026-11-22T11:00:00Z',
      }),
    ),
    world({ pods: workloadPods({ available: 0 }) }),
  ],
  [
    'Progressing at the threshold',
    input(status('Progressing', { canaryWeight: 40, failedChecks: 3 })),
    world(),
  ],
  [
    'Progressing and a new revision',
    input(status('Progressing', { canaryWeight: 40 })),
    world({ revision: 'rev-c' }),
  ],
  [
    'Progressing, reverted',
    input(status('Progressing', { canaryWeight: 40 })),
    world({ revision: 'rev-a' }),
  ],
  [
    'Progressing with skipAnalysis',
    input(status('Progressing'), spec({ skipAnalysis: true })),
    world(),
  ],
  [
    'WaitingPromotion at weight 80',
    input(status('WaitingPromotion', { canaryWeight: 80 })),
    world(),
  ],
  [
    'WaitingPromotion with the canary not ready',
    input(status('WaitingPromotion', { canaryWeight: 80 })),
    world({ pods: workloadPods({ available: 0 }) }),
  ],
  [
    'WaitingPromotion at the threshold',
    input(status('WaitingPromotion', { canaryWeight: 80, failedChecks: 3 })),
    world(),
  ],
  [
    'WaitingPromotion and a new revision',
    input(status('WaitingPromotion', { canaryWeight: 80 })),
    world({ revision: 'rev-c' }),
  ],
  ['A/B at iteration 0', input(status('Progressing'), abTest), world()],
  [
    'A/B at iteration 3 of 10',
    input(status('Progressing', { iterations: 3 }), abTest),
    world(),
  ],
  [
    'A/B at iteration 10 of 10',
    input(status('Progressing', { iterations: 10 }), abTest),
    world(),
  ],
  [
    'A/B waiting for promotion',
    input(status('WaitingPromotion', { iterations: 10 }), abTest),
    world(),
  ],
  [
    'the mirror step at weight 0',
    input(status('Progressing'), mirrorFirst),
    world(),
  ],
  [
    'mirrored at weight 0',
    input(status('Progressing', { mirrored: true }), mirrorFirst),
    world(),
  ],
  [
    'blue/green at iteration 3 of 3',
    input(status('Progressing', { iterations: 3 }), blueGreen),
    world(),
  ],
  [
    'blue/green waiting for promotion at iteration 3 of 3',
    input(status('WaitingPromotion', { iterations: 3 }), blueGreen),
    world(),
  ],
  [
    'blue/green at iteration 4 of 3, on the canary',
    input(
      status('Progressing', { iterations: 4, canaryWeight: 100 }),
      blueGreen,
    ),
    world(),
  ],
  ['Waiting at a Vane-served gate', input(idle('Waiting'), gated), world()],
  [
    'Waiting at a Vane-served gate, approved',
    input(
      {
        ...idle('Waiting'),
        gate: {
          type: 'confirm-rollout',
          name: 'go',
          revision: 'rev-b',
          servedByVane: true,
          since: EARLIER,
        },
      },
      gated,
    ),
    world({}, approval('confirm-rollout', 'go')),
  ],
  [
    'weight 40 at a Vane-served traffic gate, approved',
    input(
      status('Progressing', {
        canaryWeight: 40,
        gate: {
          type: 'confirm-traffic-increase',
          name: 'more',
          revision: 'rev-b',
          canaryWeight: 40,
          servedByVane: true,
          since: EARLIER,
        },
      }),
      gated,
    ),
    world({}, approval('confirm-traffic-increase', 'more', 40)),
  ],
  [
    'WaitingPromotion at a Vane-served gate',
    input(status('WaitingPromotion', { canaryWeight: 80 }), gated),
    world(),
  ],
  ['steps, before the first', input(status('Progressing'), stepped), world()],
  [
    'steps, at setWeight 50 after the header route',
    input(status('Progressing', { currentStepIndex: 1 }), stepped),
    world(),
  ],
  [
    'steps, in a timed pause',
    input(
      status('Progressing', {
        canaryWeight: 50,
        currentStepIndex: 2,
        stepPause: { step: 2, startTime: EARLIER, endTime: NOW },
      }),
      stepped,
    ),
    world(),
  ],
  [
    'steps, held at pause {}',
    input(
      status('Progressing', {
        canaryWeight: 50,
        currentStepIndex: 3,
        stepPause: { step: 3, startTime: EARLIER },
      }),
      stepped,
    ),
    world(),
  ],
  [
    'steps, all done',
    input(
      status('Progressing', { canaryWeight: 50, currentStepIndex: 4 }),
      stepped,
    ),
    world(),
  ],
  ['Promoting', input(status('Promoting', { canaryWeight: 80 })), world()],
  ['Finalising', input(status('Finalising')), world()],
  [
    'Progressing, paused',
    input(status('Progressing', { canaryWeight: 40 })),
    world({}, { pausedBy: 'user:default/ada' }),
  ],
  [
    'WaitingPromotion, aborted by an operator',
    input(status('WaitingPromotion', { canaryWeight: 80 })),
    world(
      {},
      {
        request: { action: 'abort', user: 'user:default/ada', raw: 'abort-1' },
      },
    ),
  ],
  [
    'Progressing, suspended',
    input(status('Progressing', { canaryWeight: 40 }), spec({ suspend: true })),
    world(),
  ],
  [
    'Progressing, target gone',
    input(status('Progressing', { canaryWeight: 40 })),
    world({ exists: false }),
  ],
];

/** Every way the checks a tick can ask could come out. */
function everyOutcome(): Outcomes[] {
  return CHECKS.reduce<Outcomes[]>(
    (all, check) =>
      all.flatMap(outcomes => [
        { ...outcomes, [check]: 'passes' as const },
        { ...outcomes, [check]: 'fails' as const },
      ]),
    [{}],
  );
}

describe('planChecks: where each check is asked', () => {
  it.each<[string, DecisionInput, ObservedWorld, Outcomes, PlannedCheck[]]>([
    [
      'the mirror step at weight 0: pre-rollout, then confirm-traffic-increase before mirroring; no metrics',
      input(status('Progressing'), mirrorFirst),
      world(),
      {},
      ['rollback', 'pre-rollout', 'confirm-traffic-increase'],
    ],
    [
      'mirrored at weight 0: the metrics of the mirrored traffic, and no confirm-traffic-increase before the first step (as Flagger while mirrored)',
      input(status('Progressing', { mirrored: true }), mirrorFirst),
      world(),
      {},
      ['rollback', 'rollout', 'metrics'],
    ],
    [
      'blue/green at its last iteration: the analysis, then confirm-promotion before the traffic moves to the canary',
      input(status('Progressing', { iterations: 3 }), blueGreen),
      world(),
      {},
      ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
    ],
    [
      'blue/green past its last iteration, on the canary: the analysis, and not confirm-promotion a second time',
      input(
        status('Progressing', { iterations: 4, canaryWeight: 100 }),
        blueGreen,
      ),
      world(),
      {},
      ['rollback', 'rollout', 'metrics'],
    ],
    [
      'a new revision on an idle Canary: the confirm-rollout gates',
      input(idle('Succeeded')),
      world(),
      {},
      ['confirm-rollout'],
    ],
    [
      'a release held at confirm-rollout: its rollback hooks, then the gates',
      input(idle('Waiting')),
      world(),
      { 'confirm-rollout': 'fails' },
      ['rollback', 'confirm-rollout'],
    ],
    [
      'a release held at confirm-rollout whose rollback hook asks for a rollback: nothing after it',
      input(idle('Waiting')),
      world(),
      { rollback: 'passes' },
      ['rollback'],
    ],
    [
      'weight 0, before any traffic: rollback, pre-rollout, then confirm-traffic-increase before the first step; no metrics',
      input(status('Progressing')),
      world(),
      {},
      ['rollback', 'pre-rollout', 'confirm-traffic-increase'],
    ],
    [
      'weight 0 and a failed pre-rollout hook: no gate after it',
      input(status('Progressing')),
      world(),
      { 'pre-rollout': 'fails' },
      ['rollback', 'pre-rollout'],
    ],
    [
      'weight 20: rollback, the load test, the metrics, then confirm-traffic-increase; no confirm-promotion before the last step',
      input(status('Progressing', { canaryWeight: 20 })),
      world(),
      {},
      ['rollback', 'rollout', 'metrics', 'confirm-traffic-increase'],
    ],
    [
      'weight 20 and a failed load test: no metrics, no gate',
      input(status('Progressing', { canaryWeight: 20 })),
      world(),
      { rollout: 'fails' },
      ['rollback', 'rollout'],
    ],
    [
      'weight 20 and a failed metric: no confirm-traffic-increase, since no increase follows',
      input(status('Progressing', { canaryWeight: 20 })),
      world(),
      { metrics: 'fails' },
      ['rollback', 'rollout', 'metrics'],
    ],
    [
      'weight 80, the last step: confirm-promotion, and no confirm-traffic-increase',
      input(status('Progressing', { canaryWeight: 80 })),
      world(),
      {},
      ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
    ],
    [
      'held at confirm-promotion: analysed every tick, then the gates again',
      input(status('WaitingPromotion', { canaryWeight: 80 })),
      world(),
      { 'confirm-promotion': 'fails' },
      ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
    ],
    [
      'held at confirm-promotion and a metric fails: the gate is not asked',
      input(status('WaitingPromotion', { canaryWeight: 80 })),
      world(),
      { metrics: 'fails' },
      ['rollback', 'rollout', 'metrics'],
    ],
    [
      'held at confirm-promotion, a rollback hook asks for a rollback: nothing after it',
      input(status('WaitingPromotion', { canaryWeight: 80 })),
      world(),
      { rollback: 'passes' },
      ['rollback'],
    ],
    [
      'A/B at iteration 0: rollback and pre-rollout, no traffic gate',
      input(status('Progressing'), abTest),
      world(),
      {},
      ['rollback', 'pre-rollout'],
    ],
    [
      'A/B at iteration 3 of 10: no gate at all',
      input(status('Progressing', { iterations: 3 }), abTest),
      world(),
      {},
      ['rollback', 'rollout', 'metrics'],
    ],
    [
      'A/B at iteration 10 of 10: confirm-promotion',
      input(status('Progressing', { iterations: 10 }), abTest),
      world(),
      {},
      ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
    ],
    [
      'the canary not ready: nothing',
      input(status('Progressing', { canaryWeight: 40 })),
      world({ pods: workloadPods({ available: 0 }) }),
      {},
      [],
    ],
    [
      'the failed-checks threshold reached: nothing, it rolls back',
      input(status('WaitingPromotion', { canaryWeight: 80, failedChecks: 3 })),
      world(),
      {},
      [],
    ],
    [
      'skipAnalysis: nothing, as in Flagger',
      input(status('Progressing'), spec({ skipAnalysis: true })),
      world(),
      {},
      [],
    ],
    [
      'a new revision during analysis: nothing, it restarts',
      input(status('Progressing', { canaryWeight: 40 })),
      world({ revision: 'rev-c' }),
      {},
      [],
    ],
    [
      'paused by an operator: nothing',
      input(status('WaitingPromotion', { canaryWeight: 80 })),
      world({}, { pausedBy: 'user:default/ada' }),
      {},
      [],
    ],
    [
      'an operator request: nothing, the request decides',
      input(status('Progressing', { canaryWeight: 40 })),
      world(
        {},
        {
          request: {
            action: 'promote',
            user: 'user:default/ada',
            raw: 'promote-1',
          },
        },
      ),
      {},
      [],
    ],
    [
      'steps, before the first (a header route): rollback and pre-rollout; no traffic gate, the weight does not rise',
      input(status('Progressing'), stepped),
      world(),
      {},
      ['rollback', 'pre-rollout'],
    ],
    [
      'steps, before setWeight 50: the analysis of the header route, then confirm-traffic-increase',
      input(status('Progressing', { currentStepIndex: 1 }), stepped),
      world(),
      {},
      ['rollback', 'rollout', 'metrics', 'confirm-traffic-increase'],
    ],
    [
      'steps, a timed pause whose end came, then pause {}: analysed, no gate (no traffic moves)',
      input(
        status('Progressing', {
          canaryWeight: 50,
          currentStepIndex: 2,
          stepPause: { step: 2, startTime: EARLIER, endTime: NOW },
        }),
        stepped,
      ),
      world(),
      {},
      ['rollback', 'rollout', 'metrics'],
    ],
    [
      'steps, all done: analysed, then confirm-promotion',
      input(
        status('Progressing', { canaryWeight: 50, currentStepIndex: 4 }),
        stepped,
      ),
      world(),
      {},
      ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
    ],
    [
      'Promoting: nothing',
      input(status('Promoting', { canaryWeight: 80 })),
      world(),
      {},
      [],
    ],
    [
      'Finalising: nothing (post-rollout is an action, not a check)',
      input(status('Finalising')),
      world(),
      {},
      [],
    ],
  ])('given %s', async (_, canary, observed, outcomes, expected) => {
    expect((await tick(canary, observed, outcomes)).asked).toEqual(expected);
  });

  it('plans, before anything is measured, every check the tick reads when all pass', () => {
    expect(
      planChecks(input(status('Progressing', { canaryWeight: 80 })), world()),
    ).toEqual(['rollback', 'rollout', 'metrics', 'confirm-promotion']);
  });
});

describe('planChecks and decideNextStep agree', () => {
  const outcomes = everyOutcome();

  it.each(STATES)(
    'given %s, whatever the checks answer, the decision reads exactly the checks that were asked, in that order',
    async (_, canary, observed) => {
      for (const outcome of outcomes) {
        const { asked, results } = await tick(canary, observed, outcome);
        // The decision reads through an accessor that records every read and refuses one of a
        // check that was not run.
        const reads = CheckReads.measured(results);
        expect(() => decideNextStep(canary, observed, reads)).not.toThrow();
        expect({ outcome, reads: reads.read }).toEqual({
          outcome,
          reads: asked,
        });
      }
    },
  );

  it.each(STATES)(
    'given %s, every check planned is read on some path of the decision',
    async (_, canary, observed) => {
      const readSomewhere = new Set<PlannedCheck>();
      for (const outcome of outcomes) {
        const { results } = await tick(canary, observed, outcome);
        const reads = CheckReads.measured(results);
        decideNextStep(canary, observed, reads);
        reads.read.forEach(check => readSomewhere.add(check));
      }
      const planned = planChecks(canary, observed);
      expect(planned.filter(check => !readSomewhere.has(check))).toEqual([]);
    },
  );

  it('refuses a decision that reads a check that was not run, instead of taking a gate for open', () => {
    const canary = input(status('Progressing', { canaryWeight: 80 }));
    expect(() =>
      decideNextStep(canary, world(), {
        webhooks: { rollback: [], rollout: [] },
        metrics: [],
      }),
    ).toThrow(
      'the decision read the confirm-promotion webhooks, which were not run this tick: planChecks and decideNextStep disagree',
    );
  });
});
