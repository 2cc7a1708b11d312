import {
  CanaryStatus,
  validateCanarySpec,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MetricCheckResult, WebhookResult } from './CheckResults';
import { decideNextStep } from './decideNextStep';
import type { EngineAction } from './EngineAction';
import type { ObservedWorld } from './ObservedWorld';
import type { OperatorRequests } from './readOperatorRequests';
import { runPlannedChecks } from './runPlannedChecks';
import { workloadPods } from '../testing/workloadPods';

// decideNextStep for a Canary that releases by Argo Rollouts' steps (analysis.steps): one table
// row per transition of each kind of step.

const T0 = '2026-11-22T12:00:00.000Z';
const at = (seconds: number) =>
  new Date(Date.parse(T0) + seconds * 1000).toISOString();

/** Seed 004's Rollout as a Canary: setWeight 50, then a pause of 10 minutes; threshold 3. */
const SEED_004 = [{ setWeight: 50 }, { pause: { duration: '10m' } }];
const HELD = [{ setWeight: 25 }, { pause: {} }, { setWeight: 75 }];
const BETA = {
  name: 'beta',
  match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
};
const COPY = {
  name: 'copy',
  percentage: 30,
  match: [{ path: { prefix: '/api' } }],
};
const ROUTED = [
  { setHeaderRoute: BETA },
  { setMirrorRoute: COPY },
  { setWeight: 20 },
  { setHeaderRoute: { name: 'beta' } },
];

function spec(
  steps: unknown[],
  analysis: Record<string, unknown> = {},
): ValidCanarySpec {
  const result = validateCanarySpec({
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    progressDeadlineSeconds: 60,
    service: { port: 9898 },
    analysis: {
      interval: '30s',
      threshold: 3,
      steps,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '1m',
        },
      ],
      ...analysis,
    },
  });
  if (!result.valid) {
    throw new Error(result.errors.map(e => e.message).join('; '));
  }
  return result.spec;
}

function world(now: string, operator?: OperatorRequests): ObservedWorld {
  return {
    now,
    target: { exists: true, revision: 'rev-b', pods: workloadPods() },
    primary: { exists: true, pods: workloadPods(), revision: 'rev-a' },
    ...(operator ? { operator } : {}),
  };
}

/** A rollout of rev-b under way since T0, at the given step fields. */
function progressing(fields: Partial<CanaryStatus> = {}): CanaryStatus {
  return {
    phase: 'Progressing',
    canaryWeight: 0,
    failedChecks: 0,
    iterations: 0,
    lastAppliedSpec: 'rev-b',
    lastPromotedSpec: 'rev-a',
    startedAt: T0,
    lastTransitionTime: T0,
    ...fields,
  };
}

const successRate = (value: number): MetricCheckResult => ({
  name: 'request-success-rate',
  value,
  thresholdRange: { min: 99 },
  passed: value >= 99,
  reason:
    value >= 99
      ? `request-success-rate ${value}% >= 99%`
      : `request-success-rate ${value}% < 99%`,
});
const hook = (type: WebhookResult['type'], passed: boolean): WebhookResult => ({
  name: `${type}-hook`,
  type,
  passed,
});

interface Answers {
  metrics: MetricCheckResult[];
  webhooks: WebhookResult[];
}
const HEALTHY: Answers = { metrics: [successRate(100)], webhooks: [] };
const FAILING: Answers = { metrics: [successRate(91.8)], webhooks: [] };

/** One tick as the engine runs it, with the checks it asked for. */
async function tick(
  canarySpec: ValidCanarySpec,
  status: CanaryStatus,
  observed: ObservedWorld,
  answers: Answers = HEALTHY,
) {
  const canary = {
    name: 'podinfo',
    namespace: 'test',
    spec: canarySpec,
    status,
  };
  const asked: string[] = [];
  const results = await runPlannedChecks(canary, observed, {
    webhooks: async type => {
      asked.push(type);
      return answers.webhooks.filter(h => h.type === type);
    },
    metrics: async () => {
      asked.push('metrics');
      return answers.metrics;
    },
  });
  return { ...decideNextStep(canary, observed, results), asked };
}

const routes = (
  canaryWeight: number,
  more: Partial<Extract<EngineAction, { type: 'setRoutes' }>> = {},
): EngineAction => ({
  type: 'setRoutes',
  primaryWeight: 100 - canaryWeight,
  canaryWeight,
  mirrored: false,
  ...more,
});
const withoutEvents = (actions: EngineAction[]) =>
  actions.filter(a => a.type !== 'event');
const eventsOf = (actions: EngineAction[]) =>
  actions.flatMap(a => (a.type === 'event' ? [a.message] : []));

const ROLLBACK: EngineAction[] = [
  routes(0),
  { type: 'scaleTarget', to: 0 },
  { type: 'runWebhooks', webhookType: 'post-rollout' },
];

interface Row {
  steps: unknown[];
  status: CanaryStatus;
  observed: ObservedWorld;
  answers?: Answers;
  /** The checks the tick asks, in order. */
  asked: string[];
  actions: EngineAction[];
  events: string[];
  next: Partial<CanaryStatus>;
  /** Status fields the next status must not have. */
  absent?: Array<keyof CanaryStatus>;
}

describe("decideNextStep with Argo Rollouts' steps (analysis.steps)", () => {
  it.each<[string, Row]>([
    [
      'seed 004, before the first step: the pre-rollout hooks, then setWeight 50 routes half the traffic and the 10m pause starts at once, ending 10 minutes later',
      {
        steps: SEED_004,
        status: progressing(),
        observed: world(T0),
        asked: ['rollback', 'pre-rollout', 'confirm-traffic-increase'],
        actions: [routes(50)],
        events: [
          'Starting canary analysis for podinfo.test',
          'Advance podinfo.test canary weight 50',
          `Pausing podinfo.test at step 2 of 2 (pause: 10m) until ${at(600)}`,
        ],
        next: {
          phase: 'Progressing',
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
          reason: `Paused at step 2 of 2 (pause: 10m) until ${at(600)}`,
        },
      },
    ],
    [
      'a timed pause under way: analysed every tick, and held until its end',
      {
        steps: SEED_004,
        status: progressing({
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: world(at(300)),
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [],
        events: [],
        next: {
          phase: 'Progressing',
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
          metrics: [
            expect.objectContaining({
              name: 'request-success-rate',
              value: 100,
            }),
          ] as any,
        },
      },
    ],
    [
      'a timed pause whose end has come: the step is over, and past the last step the rollout is promoted, its steps all done',
      {
        steps: SEED_004,
        status: progressing({
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: world(at(600)),
        asked: ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
        actions: [{ type: 'promotePrimary' }],
        events: [
          'Step 2 of 2 (pause: 10m) is over for podinfo.test',
          'Copying podinfo.test template spec to podinfo-primary.test',
        ],
        next: { phase: 'Promoting', canaryWeight: 50, currentStepIndex: 2 },
        absent: ['stepPause', 'reason'],
      },
    ],
    [
      'a restart in the middle of a timed pause: the start is read from the status, so the pause ends 10 minutes after it began, not 10 minutes after the restart',
      {
        steps: SEED_004,
        // What the engine that was killed four minutes into the pause had written.
        status: progressing({
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: world(at(240)),
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [],
        events: [],
        next: {
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
          reason: `Paused at step 2 of 2 (pause: 10m) until ${at(600)}`,
        },
      },
    ],
    [
      'a pause without duration: held however long it has been, with the reason saying who can end it',
      {
        steps: HELD,
        status: progressing({
          canaryWeight: 25,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0 },
        }),
        observed: world(at(86_400)),
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [],
        events: [],
        next: {
          phase: 'Progressing',
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0 },
          reason:
            'Paused at step 2 of 3 (pause) until an owner resumes it or promotes the rollout',
        },
      },
    ],
    [
      "an owner's resume of the pause that holds the rollout: past the pause, and the next step at the next tick; no check asked, the request decides",
      {
        steps: HELD,
        status: progressing({
          canaryWeight: 25,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0 },
        }),
        observed: world(at(60), {
          request: {
            action: 'resume',
            user: 'user:default/ada',
            raw: 'resume-1',
            pause: { step: 1, since: T0 },
          },
        }),
        asked: [],
        actions: [],
        events: ['Resumed podinfo.test at step 2 of 3 by user:default/ada'],
        next: {
          phase: 'Progressing',
          canaryWeight: 25,
          currentStepIndex: 2,
          lastHandledRequest: 'resume-1',
        },
        absent: ['stepPause', 'reason'],
      },
    ],
    [
      'the tick after a resume: analysed, then the next setWeight',
      {
        steps: HELD,
        status: progressing({ canaryWeight: 25, currentStepIndex: 2 }),
        observed: world(at(90)),
        asked: ['rollback', 'rollout', 'metrics', 'confirm-traffic-increase'],
        actions: [routes(75)],
        events: ['Advance podinfo.test canary weight 75'],
        next: { phase: 'Progressing', canaryWeight: 75, currentStepIndex: 3 },
      },
    ],
    [
      'after the last step changed the traffic: analysed once more, then promoted',
      {
        steps: HELD,
        status: progressing({ canaryWeight: 75, currentStepIndex: 3 }),
        observed: world(at(120)),
        asked: ['rollback', 'rollout', 'metrics', 'confirm-promotion'],
        actions: [{ type: 'promotePrimary' }],
        events: ['Copying podinfo.test template spec to podinfo-primary.test'],
        next: { phase: 'Promoting', currentStepIndex: 3 },
      },
    ],
    [
      'a resume that names an earlier pause: ignored, the rollout stays held',
      {
        steps: HELD,
        status: progressing({
          canaryWeight: 25,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: at(30) },
        }),
        observed: world(at(60), {
          request: {
            action: 'resume',
            user: 'user:default/ada',
            raw: 'resume-old',
            pause: { step: 1, since: T0 },
          },
        }),
        asked: [],
        actions: [],
        events: [
          'Ignored resume by user:default/ada: podinfo.test is Progressing',
        ],
        next: {
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: at(30) },
          lastHandledRequest: 'resume-old',
        },
      },
    ],
    [
      "an owner's promote during a pause: the remaining steps are skipped",
      {
        steps: HELD,
        status: progressing({
          canaryWeight: 25,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0 },
        }),
        observed: world(at(60), {
          request: {
            action: 'promote',
            user: 'user:default/ada',
            raw: 'promote-1',
          },
        }),
        asked: [],
        actions: [{ type: 'promotePrimary' }],
        events: [
          'Promotion requested by user:default/ada: copying podinfo.test template spec to podinfo-primary.test',
        ],
        next: { phase: 'Promoting', canaryWeight: 25, currentStepIndex: 3 },
        absent: ['stepPause'],
      },
    ],
    [
      'a failing metric during a timed pause: one more failed check, still paused',
      {
        steps: SEED_004,
        status: progressing({
          canaryWeight: 50,
          failedChecks: 1,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: world(at(60)),
        answers: FAILING,
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [],
        events: [
          'Halt podinfo.test advancement request-success-rate 91.8% < 99%',
        ],
        next: {
          failedChecks: 2,
          reason: 'request-success-rate 91.8% < 99%',
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        },
      },
    ],
    [
      'failed checks at the threshold during a timed pause: rolled back before the pause ends, at the step it reached',
      {
        steps: SEED_004,
        status: progressing({
          canaryWeight: 50,
          failedChecks: 3,
          reason: 'request-success-rate 91.8% < 99%',
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: world(at(90)),
        asked: [],
        actions: ROLLBACK,
        events: [
          'Rolling back podinfo.test failed checks threshold reached 3',
          'Canary failed! Scaling down podinfo.test',
        ],
        next: {
          phase: 'Failed',
          canaryWeight: 0,
          currentStepIndex: 1,
          reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
        },
        absent: ['stepPause'],
      },
    ],
    [
      'a closed confirm-traffic-increase gate before a setWeight: held at that step, no traffic moved, no failure counted',
      {
        steps: HELD,
        status: progressing({ canaryWeight: 25, currentStepIndex: 2 }),
        observed: world(at(90)),
        answers: {
          ...HEALTHY,
          webhooks: [hook('confirm-traffic-increase', false)],
        },
        asked: ['rollback', 'rollout', 'metrics', 'confirm-traffic-increase'],
        actions: [],
        events: [],
        next: {
          canaryWeight: 25,
          currentStepIndex: 2,
          failedChecks: 0,
          reason:
            'Waiting for approval: confirm-traffic-increase webhook confirm-traffic-increase-hook has not passed',
        },
      },
    ],
    [
      'setHeaderRoute first: requests with the header go to the canary, nothing else moves; the next step at the next tick',
      {
        steps: ROUTED,
        status: progressing(),
        observed: world(T0),
        asked: ['rollback', 'pre-rollout'],
        actions: [routes(0, { headerRoutes: [BETA] })],
        events: [
          'Starting canary analysis for podinfo.test',
          'Route requests matching header route beta to podinfo.test',
        ],
        next: { canaryWeight: 0, currentStepIndex: 1 },
      },
    ],
    [
      'setMirrorRoute with the header route in effect: a copy of the matching requests to the canary, the header route kept; analysed first, since the canary gets requests',
      {
        steps: ROUTED,
        status: progressing({ currentStepIndex: 1 }),
        observed: world(at(30)),
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [routes(0, { headerRoutes: [BETA], mirrorRoutes: [COPY] })],
        events: [
          'Mirror 30% of the requests matching mirror route copy to podinfo.test',
        ],
        next: { canaryWeight: 0, currentStepIndex: 2 },
      },
    ],
    [
      'setWeight keeps the routes in effect; a later setHeaderRoute without match removes its route',
      {
        steps: ROUTED,
        status: progressing({ canaryWeight: 20, currentStepIndex: 3 }),
        observed: world(at(90)),
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [routes(20, { mirrorRoutes: [COPY] })],
        events: ['Remove header route beta of podinfo.test'],
        next: { canaryWeight: 20, currentStepIndex: 4 },
      },
    ],
    [
      'a pause before any traffic reaches the canary: nothing to measure, so no metric is asked',
      {
        steps: [{ pause: {} }, { setWeight: 50 }],
        status: progressing({
          currentStepIndex: 0,
          stepPause: { step: 0, startTime: T0 },
        }),
        observed: world(at(30)),
        asked: ['rollback'],
        actions: [],
        events: [],
        next: { canaryWeight: 0, currentStepIndex: 0 },
      },
    ],
    [
      'steps that never send the canary traffic: still analysed before the promotion, so a canary nobody measured is not promoted',
      {
        steps: [{ pause: {} }],
        status: progressing({ currentStepIndex: 1 }),
        observed: world(at(30)),
        answers: {
          metrics: [
            {
              name: 'request-success-rate',
              passed: false,
              reason: 'request-success-rate: no data',
            },
          ],
          webhooks: [],
        },
        asked: ['rollback', 'rollout', 'metrics'],
        actions: [],
        events: ['Halt podinfo.test advancement request-success-rate: no data'],
        next: { phase: 'Progressing', failedChecks: 1, currentStepIndex: 1 },
      },
    ],
    [
      'a new revision during a pause: the steps start over, before the first',
      {
        steps: SEED_004,
        status: progressing({
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: {
          ...world(at(60)),
          target: { exists: true, revision: 'rev-c', pods: workloadPods() },
        },
        asked: [],
        actions: [routes(0), { type: 'scaleTarget', to: 'primaryReplicas' }],
        events: ['New revision detected! Restarting analysis for podinfo.test'],
        next: { phase: 'Progressing', canaryWeight: 0, startedAt: at(60) },
        absent: ['currentStepIndex', 'stepPause'],
      },
    ],
    [
      "an operator's pause during a timed pause: nothing asked, nothing moves, the pause keeps its start",
      {
        steps: SEED_004,
        status: progressing({
          canaryWeight: 50,
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
        }),
        observed: world(at(700), { pausedBy: 'user:default/ada' }),
        asked: [],
        actions: [],
        events: [],
        next: {
          currentStepIndex: 1,
          stepPause: { step: 1, startTime: T0, endTime: at(600) },
          reason:
            'Paused by user:default/ada: the analysis holds at weight 50 until resumed',
        },
      },
    ],
  ])('given %s', async (_, row) => {
    const decision = await tick(
      spec(row.steps),
      row.status,
      row.observed,
      row.answers,
    );
    expect(decision.asked).toEqual(row.asked);
    expect(withoutEvents(decision.actions)).toEqual(row.actions);
    expect(eventsOf(decision.actions)).toEqual(row.events);
    expect(decision.status).toMatchObject(row.next);
    for (const field of row.absent ?? []) {
      expect(decision.status).not.toHaveProperty(field);
    }
  });

  it('walks seed 004 to the end, tick by tick, holding 50% for the 10 minutes of the pause', async () => {
    const seed = spec(SEED_004);
    let status = progressing();
    const seen: Array<[number, string | undefined, number | undefined]> = [];
    for (const seconds of [0, 30, 300, 599, 600]) {
      const decision = await tick(seed, status, world(at(seconds)));
      status = decision.status;
      seen.push([seconds, status.phase, status.canaryWeight]);
    }
    expect(seen).toEqual([
      [0, 'Progressing', 50],
      [30, 'Progressing', 50],
      [300, 'Progressing', 50],
      [599, 'Progressing', 50],
      [600, 'Promoting', 50],
    ]);
  });
});
