import {
  CanaryStatus,
  validateCanarySpec,
  ValidCanarySpec,
} from '@vane/plugin-canary-common';
import type { MetricCheckResult, WebhookResult } from './CheckResults';
import { decideNextStep } from './decideNextStep';
import type { EngineAction } from './EngineAction';
import type { ObservedWorld } from './ObservedWorld';
import { runPlannedChecks } from './runPlannedChecks';
import { workloadPods } from '../testing/workloadPods';

const NOW = '2026-11-22T12:00:00Z';
const EARLIER = '2026-11-22T11:59:30Z';

/** The seed walkthrough's Canary: stepWeight 20 to maxWeight 80, threshold 3, deadline 60 s. */
function spec(
  overrides: Record<string, any> = {},
  analysis: Record<string, any> = {},
): ValidCanarySpec {
  const result = validateCanarySpec({
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    progressDeadlineSeconds: 60,
    service: { port: 9898 },
    ...overrides,
    analysis: {
      interval: '30s',
      threshold: 3,
      maxWeight: 80,
      stepWeight: 20,
      metrics: [
        {
          name: 'request-success-rate',
          thresholdRange: { min: 99 },
          interval: '1m',
        },
        {
          name: 'request-duration',
          thresholdRange: { max: 500 },
          interval: '30s',
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

function world(
  overrides: {
    target?: Partial<ObservedWorld['target']>;
    primary?: Partial<ObservedWorld['primary']>;
    now?: string;
  } = {},
): ObservedWorld {
  return {
    now: overrides.now ?? NOW,
    target: {
      exists: true,
      revision: 'rev-b',
      pods: workloadPods(),
      ...overrides.target,
    },
    primary: {
      exists: true,
      pods: workloadPods(),
      revision: 'rev-a',
      ...overrides.primary,
    },
  };
}

function progressing(fields: Partial<CanaryStatus> = {}): CanaryStatus {
  return {
    phase: 'Progressing',
    canaryWeight: 0,
    failedChecks: 0,
    iterations: 0,
    lastAppliedSpec: 'rev-b',
    lastPromotedSpec: 'rev-a',
    lastTransitionTime: EARLIER,
    ...fields,
  };
}

const hook = (
  type: WebhookResult['type'],
  passed: boolean,
  name = `${type}-hook`,
  message?: string,
): WebhookResult => ({ name, type, passed, message });
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
const duration = (value: number): MetricCheckResult => ({
  name: 'request-duration',
  value,
  thresholdRange: { max: 500 },
  passed: value <= 500,
  reason:
    value <= 500
      ? `request-duration ${value}ms <= 500ms`
      : `request-duration ${value}ms > 500ms`,
});
/** How the checks would come out if asked: the metrics, and the webhooks by type. */
interface Answers {
  metrics: MetricCheckResult[];
  webhooks: WebhookResult[];
}
const checks = (
  metrics: MetricCheckResult[] = [],
  webhooks: WebhookResult[] = [],
): Answers => ({ metrics, webhooks });
const healthy = checks([successRate(100), duration(120)]);

/** One tick as the engine runs it: the checks the decision plans, answered, then the decision. */
async function decide(
  status: CanaryStatus,
  observed = world(),
  answers: Answers = checks(),
  canarySpec = spec(),
  provider?: string,
) {
  const canary = {
    name: 'podinfo',
    namespace: 'test',
    spec: canarySpec,
    status,
    ...(provider ? { provider } : {}),
  };
  const results = await runPlannedChecks(canary, observed, {
    webhooks: async type => answers.webhooks.filter(h => h.type === type),
    metrics: async () => answers.metrics,
  });
  return decideNextStep(canary, observed, results);
}

/** What a rollback does: all traffic to the primary, the canary scaled down, post-rollout hooks. */
const ROLLBACK_ACTIONS: EngineAction[] = [
  { type: 'setRoutes', primaryWeight: 100, canaryWeight: 0, mirrored: false },
  { type: 'scaleTarget', to: 0 },
  { type: 'runWebhooks', webhookType: 'post-rollout' },
];

/**
 * The fields of a status that `expected` names, each as the status holds it (undefined when it
 * has none), to match against `expected`: a field expected undefined must be absent.
 */
function fieldsOf(status: CanaryStatus, expected: Partial<CanaryStatus>) {
  return Object.fromEntries(
    Object.keys(expected).map(key => [
      key,
      key in status ? status[key as keyof CanaryStatus] : undefined,
    ]),
  );
}

const withoutEvents = (actions: EngineAction[]) =>
  actions.filter(a => a.type !== 'event');
const eventsOf = (actions: EngineAction[]) =>
  actions.flatMap(a => (a.type === 'event' ? [a.message] : []));

describe('decideNextStep', () => {
  describe('initialisation', () => {
    it('given a new Canary without primary, creates podinfo-primary from the target', async () => {
      const { actions, status } = await decide(
        {},
        world({
          primary: { exists: false, pods: undefined, revision: undefined },
        }),
      );
      expect(actions).toEqual([{ type: 'createPrimary' }]);
      expect(status).toMatchObject({
        phase: 'Initializing',
        reason: 'Creating podinfo-primary.test from podinfo.test',
      });
    });

    it('given a primary that is not ready yet, waits in Initializing', async () => {
      const { actions, status } = await decide(
        { phase: 'Initializing', lastTransitionTime: EARLIER },
        world({
          primary: { pods: workloadPods({ available: 1, desired: 2 }) },
        }),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Initializing',
        reason:
          'Waiting for podinfo-primary.test to be ready: waiting for rollout to finish: 1 of 2 (readyThreshold 100%) updated replicas are available',
        lastTransitionTime: EARLIER,
      });
    });

    it('given a ready primary, creates services and routes with all traffic on primary, scales the target to zero: Initialized', async () => {
      const { actions, status } = await decide(
        { phase: 'Initializing' },
        world({ target: { revision: 'rev-a' } }),
      );
      expect(withoutEvents(actions)).toEqual([
        { type: 'reconcileServices' },
        { type: 'reconcileRoutes' },
        {
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: false,
        },
        { type: 'scaleTarget', to: 0 },
      ]);
      expect(eventsOf(actions)).toEqual(['Initialization done! podinfo.test']);
      expect(status).toMatchObject({
        phase: 'Initialized',
        canaryWeight: 0,
        lastAppliedSpec: 'rev-a',
        lastPromotedSpec: 'rev-a',
        lastTransitionTime: NOW,
      });
      expect(status.conditions).toEqual([
        expect.objectContaining({
          type: 'Promoted',
          status: 'True',
          reason: 'Initialized',
          message: 'Deployment initialization completed.',
        }),
      ]);
    });
  });

  describe('new revisions', () => {
    const initialized: CanaryStatus = {
      phase: 'Initialized',
      canaryWeight: 0,
      lastAppliedSpec: 'rev-a',
      lastPromotedSpec: 'rev-a',
      lastTransitionTime: EARLIER,
    };

    it('given the revision already promoted, does nothing', async () => {
      const { actions, status } = await decide(
        initialized,
        world({ target: { revision: 'rev-a' } }),
      );
      expect(actions).toEqual([]);
      expect(status.phase).toBe('Initialized');
    });

    it('given a new revision, scales the canary up and starts Progressing from weight 0', async () => {
      const { actions, status } = await decide(initialized);
      expect(withoutEvents(actions)).toEqual([
        { type: 'scaleTarget', to: 'primaryReplicas' },
      ]);
      expect(eventsOf(actions)).toEqual([
        'New revision detected! Scaling up podinfo.test',
      ]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 0,
        failedChecks: 0,
        lastAppliedSpec: 'rev-b',
        lastTransitionTime: NOW,
      });
    });

    it('given a confirm-rollout gate that has not passed, waits for approval without scaling up', async () => {
      const { actions, status } = await decide(
        initialized,
        world(),
        checks([], [hook('confirm-rollout', false, 'approve-release')]),
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Waiting',
        reason:
          'Waiting for approval: confirm-rollout webhook approve-release has not passed',
      });
    });

    it('given Waiting and the gate now open, scales up and starts Progressing', async () => {
      const waiting: CanaryStatus = { ...initialized, phase: 'Waiting' };
      const { actions, status } = await decide(
        waiting,
        world(),
        checks([], [hook('confirm-rollout', true)]),
      );
      expect(withoutEvents(actions)).toEqual([
        { type: 'scaleTarget', to: 'primaryReplicas' },
      ]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        lastAppliedSpec: 'rev-b',
      });
    });

    it('given a Failed canary reverted to the promoted revision, starts no rollout', async () => {
      const failed: CanaryStatus = {
        ...initialized,
        phase: 'Failed',
        lastAppliedSpec: 'rev-b',
      };
      const { actions, status } = await decide(
        failed,
        world({ target: { revision: 'rev-a' } }),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Failed',
        lastAppliedSpec: 'rev-a',
      });
    });

    it('given a new revision during analysis, restarts the analysis from weight 0', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 40, failedChecks: 1 }),
        world({ target: { revision: 'rev-c' } }),
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: false,
        },
        { type: 'scaleTarget', to: 'primaryReplicas' },
      ]);
      expect(eventsOf(actions)).toEqual([
        'New revision detected! Restarting analysis for podinfo.test',
      ]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 0,
        failedChecks: 0,
        lastAppliedSpec: 'rev-c',
      });
    });

    it('given the target reverted to the promoted revision during analysis, cancels the rollout with traffic on primary', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 40 }),
        world({ target: { revision: 'rev-a' } }),
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: false,
        },
        { type: 'scaleTarget', to: 0 },
      ]);
      expect(status).toMatchObject({
        phase: 'Succeeded',
        canaryWeight: 0,
        lastAppliedSpec: 'rev-a',
        reason:
          'Rollout cancelled: podinfo.test was reverted to the promoted revision',
      });
    });
  });

  describe('canary analysis (stepWeight 20, maxWeight 80, threshold 3)', () => {
    it('given the canary not ready within the deadline, waits and says why', async () => {
      const { actions, status } = await decide(
        progressing(),
        world({
          target: {
            pods: workloadPods({ desired: 1, available: 0 }),
          },
        }),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        reason:
          'Waiting for podinfo.test to be ready: waiting for rollout to finish: 0 of 1 (readyThreshold 100%) updated replicas are available',
      });
    });

    it('given the canary still not ready after progressDeadlineSeconds, rolls back', async () => {
      const { actions, status } = await decide(
        progressing({ lastTransitionTime: '2026-11-22T11:58:00Z' }),
        world({
          target: {
            pods: workloadPods({ desired: 1, available: 0 }),
          },
        }),
      );
      expect(withoutEvents(actions)).toEqual(ROLLBACK_ACTIONS);
      expect(status).toMatchObject({
        phase: 'Failed',
        reason:
          'Canary deployment podinfo.test not ready within progressDeadlineSeconds (60s): waiting for rollout to finish: 0 of 1 (readyThreshold 100%) updated replicas are available',
      });
    });

    it('given weight 0 and the pre-rollout webhooks passed, starts the analysis at the first step', async () => {
      const { actions, status } = await decide(
        progressing(),
        world(),
        checks([], [hook('pre-rollout', true)]),
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 80,
          canaryWeight: 20,
          mirrored: false,
        },
      ]);
      expect(eventsOf(actions)).toEqual([
        'Starting canary analysis for podinfo.test',
        'Advance podinfo.test canary weight 20',
      ]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 20,
        failedChecks: 0,
        lastTransitionTime: EARLIER,
      });
    });

    it('given a failed pre-rollout webhook, counts a failed check and stays at weight 0', async () => {
      const { actions, status } = await decide(
        progressing(),
        world(),
        checks(
          [],
          [
            hook(
              'pre-rollout',
              false,
              'smoke-test',
              'HTTP 500: smoke test failed',
            ),
          ],
        ),
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(status).toMatchObject({
        canaryWeight: 0,
        failedChecks: 1,
        reason:
          'pre-rollout webhook smoke-test failed: HTTP 500: smoke test failed',
      });
    });

    it.each([
      [20, 40],
      [40, 60],
      [60, 80],
    ])(
      'given weight %i and healthy metrics, advances to %i',
      async (from, to) => {
        const { actions, status } = await decide(
          progressing({ canaryWeight: from }),
          world(),
          healthy,
        );
        expect(withoutEvents(actions)).toEqual([
          {
            type: 'setRoutes',
            primaryWeight: 100 - to,
            canaryWeight: to,
            mirrored: false,
          },
        ]);
        expect(eventsOf(actions)).toEqual([
          `Advance podinfo.test canary weight ${to}`,
        ]);
        expect(status).toMatchObject({
          phase: 'Progressing',
          canaryWeight: to,
        });
        expect(status.metrics).toEqual([
          {
            name: 'request-success-rate',
            value: 100,
            thresholdRange: { min: 99 },
            passed: true,
            measuredAt: NOW,
          },
          {
            name: 'request-duration',
            value: 120,
            thresholdRange: { max: 500 },
            passed: true,
            measuredAt: NOW,
          },
        ]);
      },
    );

    it('given weight 40 with 2 failed checks and a success rate of 97% against a minimum of 99, halts and counts the third', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 40, failedChecks: 2 }),
        world(),
        checks([successRate(97), duration(120)]),
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(eventsOf(actions)).toEqual([
        'Halt podinfo.test advancement request-success-rate 97% < 99%',
      ]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 40,
        failedChecks: 3,
        reason: 'request-success-rate 97% < 99%',
      });
      expect(status.metrics?.[0]).toEqual({
        name: 'request-success-rate',
        value: 97,
        thresholdRange: { min: 99 },
        passed: false,
        reason: 'request-success-rate 97% < 99%',
        measuredAt: NOW,
      });
    });

    it('given failed checks at the threshold, rolls back with the metric, its value and its threshold in the reason', async () => {
      const { actions, status } = await decide(
        progressing({
          canaryWeight: 40,
          failedChecks: 3,
          reason: 'request-success-rate 91.8% < 99%',
        }),
        world(),
      );
      expect(withoutEvents(actions)).toEqual(ROLLBACK_ACTIONS);
      expect(eventsOf(actions)).toEqual([
        'Rolling back podinfo.test failed checks threshold reached 3',
        'Canary failed! Scaling down podinfo.test',
      ]);
      expect(status).toMatchObject({
        phase: 'Failed',
        canaryWeight: 0,
        reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
      });
      expect(status.conditions?.[0]).toMatchObject({
        type: 'Promoted',
        status: 'False',
        reason: 'Failed',
      });
    });

    it('given no data from Prometheus, fails the check with that reason instead of promoting', async () => {
      const noData: MetricCheckResult = {
        name: 'request-success-rate',
        passed: false,
        thresholdRange: { min: 99 },
        reason:
          'request-success-rate: no data: the query returned no series; is there traffic?',
      };
      const { status } = await decide(
        progressing({ canaryWeight: 80 }),
        world(),
        checks([noData, duration(100)]),
      );
      expect(status).toMatchObject({
        phase: 'Progressing',
        failedChecks: 1,
        reason:
          'request-success-rate: no data: the query returned no series; is there traffic?',
      });
    });

    it('given a failing rollout webhook (load test), counts a failed check', async () => {
      const { status } = await decide(
        progressing({ canaryWeight: 20 }),
        world(),
        checks(
          [successRate(100)],
          [hook('rollout', false, 'load-test', 'timeout after 5s')],
        ),
      );
      expect(status).toMatchObject({
        failedChecks: 1,
        reason: 'rollout webhook load-test failed: timeout after 5s',
      });
    });

    it('given a confirm-traffic-increase gate that has not passed, holds the weight without counting a failure', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 20 }),
        world(),
        checks(
          [successRate(100)],
          [hook('confirm-traffic-increase', false, 'more-please')],
        ),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        canaryWeight: 20,
        failedChecks: 0,
        reason:
          'Waiting for approval: confirm-traffic-increase webhook more-please has not passed',
      });
    });

    it('given stepWeights 5, 10, 50, advances from 10 to 50', async () => {
      const stepped = spec(
        {},
        { stepWeight: undefined, stepWeights: [5, 10, 50], maxWeight: 50 },
      );
      const { actions } = await decide(
        progressing({ canaryWeight: 10 }),
        world(),
        healthy,
        stepped,
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 50,
          canaryWeight: 50,
          mirrored: false,
        },
      ]);
    });

    it('given a rollback webhook that answers yes, aborts now', async () => {
      const { status } = await decide(
        progressing({ canaryWeight: 40 }),
        world(),
        checks([successRate(100)], [hook('rollback', true, 'abort-switch')]),
      );
      expect(status).toMatchObject({
        phase: 'Failed',
        reason: 'Rolled back by the rollback webhook abort-switch',
      });
    });

    it('given skipAnalysis, promotes without analysis', async () => {
      const { actions, status } = await decide(
        progressing(),
        world(),
        checks(),
        spec({ skipAnalysis: true }),
      );
      expect(withoutEvents(actions)).toEqual([{ type: 'promotePrimary' }]);
      expect(status.phase).toBe('Promoting');
    });
  });

  describe('promotion', () => {
    it('given maxWeight reached with healthy metrics, copies the target template to the primary: Promoting', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 80 }),
        world(),
        healthy,
      );
      expect(withoutEvents(actions)).toEqual([{ type: 'promotePrimary' }]);
      expect(eventsOf(actions)).toEqual([
        'Copying podinfo.test template spec to podinfo-primary.test',
      ]);
      expect(status).toMatchObject({
        phase: 'Promoting',
        canaryWeight: 80,
        lastTransitionTime: NOW,
      });
    });

    it('given a confirm-promotion gate that has not passed, waits for promotion approval', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 80 }),
        world(),
        checks(
          [successRate(100)],
          [hook('confirm-promotion', false, 'release-manager')],
        ),
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(status).toMatchObject({
        phase: 'WaitingPromotion',
        reason:
          'Waiting for approval: confirm-promotion webhook release-manager has not passed',
      });
    });

    it('given WaitingPromotion and the gate now open, promotes', async () => {
      const { actions, status } = await decide(
        progressing({ phase: 'WaitingPromotion', canaryWeight: 80 }),
        world(),
        checks([], [hook('confirm-promotion', true)]),
      );
      expect(withoutEvents(actions)).toEqual([{ type: 'promotePrimary' }]);
      expect(status.phase).toBe('Promoting');
    });

    it('given the primary not yet rolled out with the promoted revision, waits in Promoting', async () => {
      const { actions, status } = await decide(
        progressing({ phase: 'Promoting', canaryWeight: 80 }),
        world({
          primary: {
            revision: 'rev-b',
            pods: workloadPods({ updated: 1, old: 1 }),
          },
        }),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Promoting',
        reason:
          'Waiting for podinfo-primary.test to roll out the promoted revision: waiting for rollout to finish: 1 out of 2 new replicas have been updated',
      });
    });

    it('given the primary running the promoted revision, routes all traffic to it: Finalising, without the reason it waited for', async () => {
      const { actions, status } = await decide(
        progressing({
          phase: 'Promoting',
          canaryWeight: 80,
          reason:
            'Waiting for podinfo-primary.test to roll out the promoted revision',
        }),
        world({ primary: { revision: 'rev-b' } }),
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: false,
        },
      ]);
      expect(eventsOf(actions)).toEqual(['Routing all traffic to primary']);
      expect(status).toMatchObject({ phase: 'Finalising', canaryWeight: 0 });
      expect(status.reason).toBeUndefined();
    });

    it('given stepWeightPromotion 30 at weight 80, hands traffic back to the primary gradually, without the reason it waited for', async () => {
      const { actions, status } = await decide(
        progressing({
          phase: 'Promoting',
          canaryWeight: 80,
          reason:
            'Waiting for podinfo-primary.test to roll out the promoted revision',
        }),
        world({ primary: { revision: 'rev-b' } }),
        undefined,
        spec({}, { stepWeightPromotion: 30 }),
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 50,
          canaryWeight: 50,
          mirrored: false,
        },
      ]);
      expect(status).toMatchObject({ phase: 'Promoting', canaryWeight: 50 });
      expect(status.reason).toBeUndefined();
    });

    it('given Finalising, scales the canary to zero and runs post-rollout webhooks: Succeeded', async () => {
      const { actions, status } = await decide(
        progressing({ phase: 'Finalising', canaryWeight: 0 }),
        world({ primary: { revision: 'rev-b' } }),
      );
      expect(withoutEvents(actions)).toEqual([
        { type: 'scaleTarget', to: 0 },
        { type: 'runWebhooks', webhookType: 'post-rollout' },
      ]);
      expect(eventsOf(actions)).toEqual([
        'Promotion completed! Scaling down podinfo.test',
      ]);
      expect(status).toMatchObject({
        phase: 'Succeeded',
        lastPromotedSpec: 'rev-b',
        canaryWeight: 0,
        failedChecks: 0,
      });
      expect(status.conditions?.[0]).toMatchObject({
        type: 'Promoted',
        status: 'True',
        reason: 'Succeeded',
      });
    });
  });

  describe('held at confirm-promotion (WaitingPromotion): analysed every tick, as in Flagger', () => {
    const waitingAt80 = (fields: Partial<CanaryStatus> = {}) =>
      progressing({
        phase: 'WaitingPromotion',
        canaryWeight: 80,
        reason:
          'Waiting for approval: confirm-promotion webhook release-manager has not passed',
        ...fields,
      });
    const closedGate = hook('confirm-promotion', false, 'release-manager');

    it('given the gate still closed and healthy metrics, keeps waiting with the fresh metrics and no new event', async () => {
      const { actions, status } = await decide(
        waitingAt80(),
        world(),
        checks([successRate(100), duration(120)], [closedGate]),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'WaitingPromotion',
        canaryWeight: 80,
        failedChecks: 0,
        lastTransitionTime: EARLIER,
      });
      expect(status.metrics?.map(m => [m.name, m.value, m.measuredAt])).toEqual(
        [
          ['request-success-rate', 100, NOW],
          ['request-duration', 120, NOW],
        ],
      );
    });

    it('given 2 failed checks and a success rate of 91.8% against a minimum of 99, counts the third and keeps the weight and the gate wait', async () => {
      const gate = {
        type: 'confirm-promotion' as const,
        name: 'release-manager',
        revision: 'rev-b',
        servedByVane: false,
        since: EARLIER,
      };
      const { actions, status } = await decide(
        waitingAt80({ failedChecks: 2, gate }),
        world(),
        checks([successRate(91.8), duration(120)], [closedGate]),
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(eventsOf(actions)).toEqual([
        'Halt podinfo.test advancement request-success-rate 91.8% < 99%',
      ]);
      expect(status).toMatchObject({
        phase: 'WaitingPromotion',
        canaryWeight: 80,
        failedChecks: 3,
        reason: 'request-success-rate 91.8% < 99%',
        gate,
      });
    });

    it('given the failed checks at the threshold, rolls back to the primary instead of serving 80% unjudged', async () => {
      const { actions, status } = await decide(
        waitingAt80({
          failedChecks: 3,
          reason: 'request-success-rate 91.8% < 99%',
        }),
      );
      expect(withoutEvents(actions)).toEqual(ROLLBACK_ACTIONS);
      expect(status).toMatchObject({
        phase: 'Failed',
        canaryWeight: 0,
        reason: 'request-success-rate 91.8% < 99% (3 of 3 failed checks)',
      });
    });

    it('given a rollback hook that asks for a rollback, rolls back now', async () => {
      const { status } = await decide(
        waitingAt80(),
        world(),
        checks([], [hook('rollback', true, 'abort-switch'), closedGate]),
      );
      expect(status).toMatchObject({
        phase: 'Failed',
        reason: 'Rolled back by the rollback webhook abort-switch',
      });
    });

    it('given a failing load test, counts a failed check and does not promote although the gate opened', async () => {
      const { actions, status } = await decide(
        waitingAt80(),
        world(),
        checks(
          [successRate(100)],
          [
            hook('rollout', false, 'load-test', 'timeout after 5s'),
            hook('confirm-promotion', true, 'release-manager'),
          ],
        ),
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(status).toMatchObject({
        phase: 'WaitingPromotion',
        failedChecks: 1,
        reason: 'rollout webhook load-test failed: timeout after 5s',
      });
    });

    it('given the canary not ready, waits and says why; past progressDeadlineSeconds, rolls back', async () => {
      const notReady = world({
        target: {
          pods: workloadPods({ available: 0 }),
        },
      });
      expect((await decide(waitingAt80(), notReady)).status).toMatchObject({
        phase: 'WaitingPromotion',
        reason:
          'Waiting for podinfo.test to be ready: waiting for rollout to finish: 0 of 2 (readyThreshold 100%) updated replicas are available',
      });
      expect(
        (
          await decide(
            waitingAt80({ lastTransitionTime: '2026-11-22T11:58:00Z' }),
            notReady,
          )
        ).status,
      ).toMatchObject({ phase: 'Failed', canaryWeight: 0 });
    });

    it('given a new revision, restarts the analysis from weight 0', async () => {
      const { status } = await decide(
        waitingAt80(),
        world({ target: { revision: 'rev-c' } }),
      );
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 0,
        lastAppliedSpec: 'rev-c',
      });
    });

    it('given the target reverted to the promoted revision, cancels the rollout instead of promoting it', async () => {
      const { actions, status } = await decide(
        waitingAt80(),
        world({ target: { revision: 'rev-a' } }),
      );
      expect(withoutEvents(actions)).not.toContainEqual({
        type: 'promotePrimary',
      });
      expect(status).toMatchObject({
        phase: 'Succeeded',
        canaryWeight: 0,
        reason:
          'Rollout cancelled: podinfo.test was reverted to the promoted revision',
      });
    });
  });

  describe('held at confirm-rollout (Waiting)', () => {
    const waiting: CanaryStatus = {
      phase: 'Waiting',
      canaryWeight: 0,
      lastAppliedSpec: 'rev-a',
      lastPromotedSpec: 'rev-a',
      lastTransitionTime: EARLIER,
      reason:
        'Waiting for approval: confirm-rollout webhook approve-release has not passed',
    };

    it('given a rollback hook that asks for a rollback, fails the held release without scaling it up, and does not take it for a new one at the next tick', async () => {
      const { actions, status } = await decide(
        waiting,
        world(),
        checks(
          [],
          [
            hook('rollback', true, 'abort-switch'),
            hook('confirm-rollout', false, 'approve-release'),
          ],
        ),
      );
      expect(withoutEvents(actions)).toEqual(ROLLBACK_ACTIONS);
      expect(status).toMatchObject({
        phase: 'Failed',
        lastAppliedSpec: 'rev-b',
        reason: 'Rolled back by the rollback webhook abort-switch',
      });
      const next = await decide(status, world());
      expect(next.actions).toEqual([]);
      expect(next.status.phase).toBe('Failed');
    });

    it('given an abort by an operator, fails the held release as its revision, which a retry restarts', async () => {
      const abort = {
        action: 'abort' as const,
        user: 'user:default/ada',
        raw: '{"action":"abort"}',
      };
      const aborted = await decide(waiting, {
        ...world(),
        operator: { request: abort },
      });
      expect(aborted.status).toMatchObject({
        phase: 'Failed',
        lastAppliedSpec: 'rev-b',
        reason: 'Aborted by user:default/ada',
      });
      const retried = await decide(aborted.status, {
        ...world(),
        operator: {
          request: {
            action: 'retry',
            user: 'user:default/ada',
            raw: '{"action":"retry"}',
          },
        },
      });
      expect(retried.status).toMatchObject({
        phase: 'Progressing',
        lastAppliedSpec: 'rev-b',
      });
    });
  });

  describe('confirm-traffic-increase before every increase, the first included', () => {
    it('given weight 0, passed pre-rollout hooks and a closed gate, holds at 0 without routing traffic to the canary', async () => {
      const { actions, status } = await decide(
        progressing(),
        world(),
        checks(
          [],
          [
            hook('pre-rollout', true),
            hook('confirm-traffic-increase', false, 'more-please'),
          ],
        ),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 0,
        failedChecks: 0,
        reason:
          'Waiting for approval: confirm-traffic-increase webhook more-please has not passed',
      });
    });

    it('given skipAnalysis and a rollback hook that would ask for a rollback, promotes: skipping the analysis skips its hooks, as in Flagger', async () => {
      const { status } = await decide(
        progressing(),
        world(),
        checks([], [hook('rollback', true, 'abort-switch')]),
        spec({ skipAnalysis: true }),
      );
      expect(status.phase).toBe('Promoting');
    });
  });

  describe('A/B testing, mirroring and blue/green (iterations)', () => {
    const abTest = spec(
      {},
      {
        stepWeight: undefined,
        maxWeight: undefined,
        iterations: 10,
        match: [{ headers: { 'x-canary': { exact: 'insider' } } }],
      },
    );

    it('given iteration 0, sends matching requests to the canary and starts iteration 1', async () => {
      const { actions, status } = await decide(
        progressing(),
        world(),
        checks([], [hook('pre-rollout', true)]),
        abTest,
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 0,
          canaryWeight: 100,
          mirrored: false,
        },
      ]);
      expect(eventsOf(actions)).toEqual([
        'Starting canary analysis for podinfo.test',
        'Advance podinfo.test canary iteration 1/10',
      ]);
      expect(status).toMatchObject({ iterations: 1, canaryWeight: 0 });
    });

    it('given iteration 3 with healthy metrics, moves to iteration 4', async () => {
      const { status } = await decide(
        progressing({ iterations: 3 }),
        world(),
        healthy,
        abTest,
      );
      expect(status).toMatchObject({ phase: 'Progressing', iterations: 4 });
    });

    it('given the last iteration with healthy metrics, promotes', async () => {
      const { actions, status } = await decide(
        progressing({ iterations: 10 }),
        world(),
        healthy,
        abTest,
      );
      expect(withoutEvents(actions)).toEqual([{ type: 'promotePrimary' }]);
      expect(status.phase).toBe('Promoting');
    });

    it('given an iteration with a failing metric, counts a failed check and keeps the iteration', async () => {
      const { status } = await decide(
        progressing({ iterations: 4 }),
        world(),
        checks([successRate(100), duration(612)]),
        abTest,
      );
      expect(status).toMatchObject({
        iterations: 4,
        failedChecks: 1,
        reason: 'request-duration 612ms > 500ms',
      });
    });

    it('given mirroring, mirrors the traffic to the canary at iteration 0', async () => {
      const mirrored = spec(
        {},
        {
          stepWeight: undefined,
          maxWeight: undefined,
          iterations: 5,
          mirror: true,
        },
      );
      const { actions } = await decide(
        progressing(),
        world(),
        checks(),
        mirrored,
      );
      expect(withoutEvents(actions)).toEqual([
        {
          type: 'setRoutes',
          primaryWeight: 100,
          canaryWeight: 0,
          mirrored: true,
        },
      ]);
    });

    it('given blue/green, leaves the routes alone during the analysis', async () => {
      const blueGreen = spec(
        {},
        { stepWeight: undefined, maxWeight: undefined, iterations: 5 },
      );
      const { actions, status } = await decide(
        progressing(),
        world(),
        checks(),
        blueGreen,
      );
      expect(withoutEvents(actions)).toEqual([]);
      expect(status.iterations).toBe(1);
    });
  });

  describe('ready thresholds (analysis.canaryReadyThreshold, primaryReadyThreshold), as Flagger counts them', () => {
    /** 1 of the 2 updated replicas available: ready at 50% (floor(2 x 50%) = 1), not at 100%. */
    const halfAvailable = workloadPods({ available: 1 });
    const initialized: CanaryStatus = {
      phase: 'Initialized',
      canaryWeight: 0,
      lastAppliedSpec: 'rev-a',
      lastPromotedSpec: 'rev-a',
      lastTransitionTime: EARLIER,
    };

    it.each([
      [50, 'Progressing', 40, undefined],
      [
        100,
        'Progressing',
        20,
        'Waiting for podinfo.test to be ready: waiting for rollout to finish: 1 of 2 (readyThreshold 100%) updated replicas are available',
      ],
    ])(
      'given a canary at weight 20 with 1 of 2 replicas available and canaryReadyThreshold %i, goes on to %s at weight %i',
      async (canaryReadyThreshold, phase, weight, reason) => {
        const { status } = await decide(
          progressing({ canaryWeight: 20 }),
          world({ target: { pods: halfAvailable } }),
          healthy,
          spec({}, { canaryReadyThreshold }),
        );
        expect(status).toMatchObject({ phase, canaryWeight: weight });
        expect(status.reason).toBe(reason);
      },
    );

    it('given a DaemonSet canary on 3 nodes, counts canaryReadyThreshold in its desired pods: with 2 available it advances at 67% (2 needed), with 1 it waits at 70% (2 needed)', async () => {
      const daemonSet = spec({
        targetRef: {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'podinfo',
        },
      });
      const pods = (available: number) =>
        workloadPods({
          kind: 'DaemonSet',
          desired: 3,
          available,
          thresholdOf: 3,
        });
      const at = async (available: number, canaryReadyThreshold: number) =>
        (
          await decide(
            progressing({ canaryWeight: 20 }),
            world({ target: { pods: pods(available) } }),
            healthy,
            {
              ...daemonSet,
              analysis: { ...daemonSet.analysis, canaryReadyThreshold },
            },
          )
        ).status;
      expect(await at(2, 67)).toMatchObject({ canaryWeight: 40 });
      expect(await at(1, 70)).toMatchObject({
        canaryWeight: 20,
        reason:
          'Waiting for podinfo.test to be ready: waiting for rollout to finish: 1 of 2 (readyThreshold 70%) updated pods are available',
      });
    });

    it('given a canary below canaryReadyThreshold past progressDeadlineSeconds, rolls it back as one that is not ready', async () => {
      const { actions, status } = await decide(
        progressing({
          canaryWeight: 20,
          lastTransitionTime: '2026-11-22T11:58:00Z',
        }),
        world({ target: { pods: workloadPods({ available: 0 }) } }),
        healthy,
        spec({}, { canaryReadyThreshold: 50 }),
      );
      expect(withoutEvents(actions)).toEqual(ROLLBACK_ACTIONS);
      expect(status.reason).toBe(
        'Canary deployment podinfo.test not ready within progressDeadlineSeconds (60s): waiting for rollout to finish: 0 of 1 (readyThreshold 50%) updated replicas are available',
      );
    });

    it.each([
      [50, 'Initialized'],
      [100, 'Initializing'],
    ])(
      'given a primary with 1 of 2 replicas available at initialisation and primaryReadyThreshold %i, goes on to %s',
      async (primaryReadyThreshold, phase) => {
        const { status } = await decide(
          { phase: 'Initializing' },
          world({
            target: { revision: 'rev-a' },
            primary: { pods: halfAvailable },
          }),
          checks(),
          spec({}, { primaryReadyThreshold }),
        );
        expect(status.phase).toBe(phase);
      },
    );

    it.each([
      [50, 'Finalising'],
      [100, 'Promoting'],
    ])(
      'given the promoted primary with 1 of 2 replicas available and primaryReadyThreshold %i, goes on to %s',
      async (primaryReadyThreshold, phase) => {
        const { status } = await decide(
          progressing({ phase: 'Promoting', canaryWeight: 80 }),
          world({ primary: { revision: 'rev-b', pods: halfAvailable } }),
          checks(),
          spec({}, { primaryReadyThreshold }),
        );
        expect(status.phase).toBe(phase);
      },
    );

    it('given a new revision while the primary is below primaryReadyThreshold, does not start the rollout and says why (Flagger checks the primary before it advances); at 50 it starts', async () => {
      const below = await decide(
        initialized,
        world({ primary: { pods: halfAvailable } }),
      );
      expect(below.actions).toEqual([]);
      expect(below.status).toMatchObject({
        phase: 'Initialized',
        reason:
          'Waiting for podinfo-primary.test to be ready: waiting for rollout to finish: 1 of 2 (readyThreshold 100%) updated replicas are available',
      });
      const atHalf = await decide(
        initialized,
        world({ primary: { pods: halfAvailable } }),
        checks(),
        spec({}, { primaryReadyThreshold: 50 }),
      );
      expect(atHalf.status.phase).toBe('Progressing');
    });

    it('given a rollout at weight 40 whose primary drops below primaryReadyThreshold, holds the weight without asking a check or counting a failure', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 40 }),
        world({ primary: { pods: workloadPods({ available: 0 }) } }),
        checks([successRate(50)]),
        spec({}, { primaryReadyThreshold: 50 }),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 40,
        failedChecks: 0,
        reason:
          'Waiting for podinfo-primary.test to be ready: waiting for rollout to finish: 0 of 1 (readyThreshold 50%) updated replicas are available',
      });
    });

    it('given skipAnalysis, does not wait for the primary, as Flagger does not', async () => {
      const { status } = await decide(
        progressing({ canaryWeight: 0 }),
        world({ primary: { pods: workloadPods({ available: 0 }) } }),
        checks(),
        spec({ skipAnalysis: true }),
      );
      expect(status.phase).toBe('Promoting');
    });
  });

  describe('guards', () => {
    it('given spec.suspend, does nothing and says so', async () => {
      const { actions, status } = await decide(
        progressing({ canaryWeight: 40 }),
        world(),
        healthy,
        spec({ suspend: true }),
      );
      expect(actions).toEqual([]);
      expect(status).toMatchObject({
        phase: 'Progressing',
        canaryWeight: 40,
        reason: 'Suspended: spec.suspend is true',
      });
    });

    it('given a missing target Deployment, does nothing and says so', async () => {
      const { actions, status } = await decide(
        progressing(),
        world({ target: { exists: false } }),
      );
      expect(actions).toEqual([]);
      expect(status.reason).toBe('Target Deployment podinfo.test not found');
    });
  });

  describe('manual gates served by Vane (url vane://approval)', () => {
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
        ],
      },
    );
    const idle: CanaryStatus = {
      phase: 'Initialized',
      canaryWeight: 0,
      lastAppliedSpec: 'rev-a',
      lastPromotedSpec: 'rev-a',
      lastTransitionTime: EARLIER,
    };
    const waitAt = (
      type:
        | 'confirm-rollout'
        | 'confirm-traffic-increase'
        | 'confirm-promotion',
      name: string,
      fields: Record<string, unknown> = {},
    ) => ({
      type,
      name,
      revision: 'rev-b',
      servedByVane: true,
      since: EARLIER,
      ...fields,
    });
    const approving = (approval: Record<string, unknown>) => ({
      ...world(),
      operator: {
        approval: {
          revision: 'rev-b',
          since: EARLIER,
          user: 'user:default/ada',
          at: NOW,
          ...approval,
        } as any,
      },
    });
    const rolloutWait = waitAt('confirm-rollout', 'go');
    const trafficWait = waitAt('confirm-traffic-increase', 'more', {
      canaryWeight: 40,
    });
    const promotionWait = waitAt('confirm-promotion', 'ship');

    it.each<[string, CanaryStatus, ObservedWorld, Partial<CanaryStatus>]>([
      [
        'a new revision and no approval: waits at confirm-rollout, recording the wait',
        idle,
        world(),
        {
          phase: 'Waiting',
          reason:
            'Waiting for approval: confirm-rollout gate go waits for an owner to approve it in the portal',
          gate: { ...rolloutWait, since: NOW },
        },
      ],
      [
        'Waiting and an approval of that wait: starts the rollout and forgets the wait',
        { ...idle, phase: 'Waiting', gate: rolloutWait },
        approving({ gate: 'confirm-rollout', name: 'go' }),
        { phase: 'Progressing', startedAt: NOW, gate: undefined },
      ],
      [
        'Waiting and an approval given for another revision: keeps waiting, since unchanged',
        { ...idle, phase: 'Waiting', gate: rolloutWait },
        approving({ gate: 'confirm-rollout', name: 'go', revision: 'rev-x' }),
        { phase: 'Waiting', gate: rolloutWait },
      ],
      [
        'Waiting for rev-b while rev-c arrives with the approval of rev-b: a new wait, still closed',
        { ...idle, phase: 'Waiting', gate: rolloutWait },
        {
          ...approving({ gate: 'confirm-rollout', name: 'go' }),
          target: { exists: true, pods: workloadPods(), revision: 'rev-c' },
        },
        {
          phase: 'Waiting',
          gate: { ...rolloutWait, revision: 'rev-c', since: NOW },
        },
      ],
      [
        'weight 40 and the approval of the step at weight 20: holds at 40',
        progressing({
          canaryWeight: 40,
          gate: { ...trafficWait, canaryWeight: 20 },
        }),
        approving({
          gate: 'confirm-traffic-increase',
          name: 'more',
          weight: 20,
        }),
        {
          phase: 'Progressing',
          canaryWeight: 40,
          gate: { ...trafficWait, since: NOW },
        },
      ],
      [
        'weight 40 and the approval of the step at 40: advances to 60',
        progressing({ canaryWeight: 40, gate: trafficWait }),
        approving({
          gate: 'confirm-traffic-increase',
          name: 'more',
          weight: 40,
        }),
        { phase: 'Progressing', canaryWeight: 60, gate: undefined },
      ],
      [
        'the last step analysed and no approval: waits at confirm-promotion',
        progressing({ canaryWeight: 80 }),
        world(),
        {
          phase: 'WaitingPromotion',
          reason:
            'Waiting for approval: confirm-promotion gate ship waits for an owner to approve it in the portal',
          gate: { ...promotionWait, since: NOW },
        },
      ],
      [
        'WaitingPromotion and an approval of an earlier wait at the same gate (a retried rollout): keeps waiting',
        progressing({
          phase: 'WaitingPromotion',
          canaryWeight: 80,
          gate: promotionWait,
        }),
        approving({
          gate: 'confirm-promotion',
          name: 'ship',
          since: '2026-11-22T10:00:00Z',
        }),
        { phase: 'WaitingPromotion', gate: promotionWait },
      ],
      [
        'WaitingPromotion and an approval of that wait: promotes',
        progressing({
          phase: 'WaitingPromotion',
          canaryWeight: 80,
          gate: promotionWait,
        }),
        approving({ gate: 'confirm-promotion', name: 'ship' }),
        { phase: 'Promoting', gate: undefined },
      ],
      [
        'WaitingPromotion paused by an operator: the wait stays recorded, so it can still be approved',
        progressing({
          phase: 'WaitingPromotion',
          canaryWeight: 80,
          gate: promotionWait,
        }),
        { ...world(), operator: { pausedBy: 'user:default/ada' } },
        { phase: 'WaitingPromotion', gate: promotionWait },
      ],
      [
        'WaitingPromotion aborted by an operator: fails and forgets the wait',
        progressing({
          phase: 'WaitingPromotion',
          canaryWeight: 80,
          gate: promotionWait,
        }),
        {
          ...world(),
          operator: {
            request: {
              action: 'abort',
              user: 'user:default/ada',
              raw: '{"action":"abort"}',
            },
          },
        },
        { phase: 'Failed', gate: undefined },
      ],
    ])('given %s', async (_, status, observed, expected) => {
      const decided = (await decide(status, observed, healthy, gated)).status;
      expect(fieldsOf(decided, expected)).toMatchObject(expected);
    });

    it('given an approved Vane gate followed by a gate served over HTTP that has not passed, waits at the HTTP gate', async () => {
      const twoGates = spec(
        {},
        {
          webhooks: [
            { name: 'ship', type: 'confirm-promotion', url: 'vane://approval' },
            {
              name: 'change-board',
              type: 'confirm-promotion',
              url: 'http://change-board.test/',
            },
          ],
        },
      );
      const { status } = await decide(
        progressing({
          phase: 'WaitingPromotion',
          canaryWeight: 80,
          gate: promotionWait,
        }),
        approving({ gate: 'confirm-promotion', name: 'ship' }),
        checks([], [hook('confirm-promotion', false, 'change-board')]),
        twoGates,
      );
      expect(status).toMatchObject({
        phase: 'WaitingPromotion',
        reason:
          'Waiting for approval: confirm-promotion webhook change-board has not passed',
        gate: {
          type: 'confirm-promotion',
          name: 'change-board',
          revision: 'rev-b',
          servedByVane: false,
          since: NOW,
        },
      });
    });

    it('given a rollout cancelled by a revert, keeps the start time of the rollout it cancelled', async () => {
      const { status } = await decide(
        progressing({ canaryWeight: 40, startedAt: EARLIER }),
        world({ target: { revision: 'rev-a' } }),
      );
      expect(status).toMatchObject({ phase: 'Succeeded', startedAt: EARLIER });
    });
  });
  describe("Flagger's mirror step, blue/green's switch to the canary, and the session affinity cookies", () => {
    /** stepWeight 20 to 80, the first step mirrored (half the traffic). */
    const mirrorFirst = spec({}, { mirror: true, mirrorWeight: 50 });
    const blueGreen = (analysis: Record<string, unknown> = {}) =>
      spec(
        {},
        {
          stepWeight: undefined,
          maxWeight: undefined,
          iterations: 3,
          ...analysis,
        },
      );
    const sticky = spec(
      {},
      {
        sessionAffinity: {
          cookieName: 'flagger-cookie',
          primaryCookieName: 'primary-cookie',
        },
      },
    );
    const COOKIE = 'flagger-cookie=LpsIaLdoNZ';
    /** A rollback at 3 failed checks of 3: its actions and events. */
    const thresholdRollback = {
      actions: ROLLBACK_ACTIONS,
      events: [
        'Rolling back podinfo.test failed checks threshold reached 3',
        'Canary failed! Scaling down podinfo.test',
      ],
    };
    const mirrorStepEvents = [
      'Starting canary analysis for podinfo.test',
      'Advance podinfo.test canary weight 0, mirroring 50% of the traffic to the canary',
    ];
    const promoted = world({ primary: { revision: 'rev-b' } });
    const closedTrafficGate = checks(healthy.metrics, [
      hook('confirm-traffic-increase', false),
    ]);
    const routes = (primaryWeight: number, mirrored = false): EngineAction => ({
      type: 'setRoutes',
      primaryWeight,
      canaryWeight: 100 - primaryWeight,
      mirrored,
    });

    it.each<
      [
        string,
        ValidCanarySpec,
        CanaryStatus,
        ObservedWorld,
        Answers,
        string | undefined,
        { actions: EngineAction[]; events: string[] },
        Partial<CanaryStatus>,
      ]
    >([
      [
        'mirror, weight 0 and the pre-rollout hooks passed: mirrors at weight 0 (the mirror step) instead of shifting',
        mirrorFirst,
        progressing(),
        world(),
        checks([], [hook('pre-rollout', true)]),
        'istio',
        { actions: [routes(100, true)], events: mirrorStepEvents },
        { phase: 'Progressing', canaryWeight: 0, mirrored: true },
      ],
      [
        'mirror, weight 0 and a closed confirm-traffic-increase gate: holds without mirroring',
        mirrorFirst,
        progressing(),
        world(),
        closedTrafficGate,
        'istio',
        { actions: [], events: [] },
        {
          canaryWeight: 0,
          mirrored: undefined,
          reason:
            'Waiting for approval: confirm-traffic-increase webhook confirm-traffic-increase-hook has not passed',
        },
      ],
      [
        'mirrored at weight 0 with healthy metrics: shifts to the first step and stops mirroring, asking no confirm-traffic-increase gate (as Flagger while mirrored)',
        mirrorFirst,
        progressing({ mirrored: true }),
        world(),
        closedTrafficGate,
        'istio',
        {
          actions: [routes(80)],
          events: ['Advance podinfo.test canary weight 20'],
        },
        { canaryWeight: 20, mirrored: undefined, failedChecks: 0 },
      ],
      [
        'mirrored at weight 0 with a failing metric: counts a failed check and keeps mirroring',
        mirrorFirst,
        progressing({ mirrored: true }),
        world(),
        checks([successRate(91.8), duration(120)]),
        'istio',
        {
          actions: [],
          events: [
            'Halt podinfo.test advancement request-success-rate 91.8% < 99%',
          ],
        },
        {
          canaryWeight: 0,
          mirrored: true,
          failedChecks: 1,
          reason: 'request-success-rate 91.8% < 99%',
        },
      ],
      [
        'mirrored at weight 0 at the threshold: rolls back and stops mirroring',
        mirrorFirst,
        progressing({ mirrored: true, failedChecks: 3 }),
        world(),
        healthy,
        'istio',
        thresholdRollback,
        { phase: 'Failed', mirrored: undefined },
      ],
      [
        'mirrored at weight 0 and a new revision: restarts from weight 0 without mirroring',
        mirrorFirst,
        progressing({ mirrored: true }),
        world({ target: { revision: 'rev-c' } }),
        healthy,
        'istio',
        {
          actions: [
            routes(100),
            { type: 'scaleTarget', to: 'primaryReplicas' },
          ],
          events: [
            'New revision detected! Restarting analysis for podinfo.test',
          ],
        },
        { canaryWeight: 0, mirrored: undefined, lastAppliedSpec: 'rev-c' },
      ],
      [
        'mirror, weight 20 (past the mirror step): advances to 40 as any canary',
        mirrorFirst,
        progressing({ canaryWeight: 20 }),
        world(),
        healthy,
        'istio',
        {
          actions: [routes(60)],
          events: ['Advance podinfo.test canary weight 40'],
        },
        { canaryWeight: 40, mirrored: undefined },
      ],
      [
        'blue/green at iteration 3 of 3 on istio: routes all traffic to the canary (iteration 4) and copies nothing yet',
        blueGreen(),
        progressing({ iterations: 3 }),
        world(),
        healthy,
        'istio',
        {
          actions: [routes(0)],
          events: ['Routing all traffic to canary podinfo.test'],
        },
        { phase: 'Progressing', iterations: 4, canaryWeight: 100 },
      ],
      [
        'blue/green with mirroring at iteration 3 of 3 on gatewayapi: stops mirroring and routes all traffic to the canary',
        blueGreen({ mirror: true }),
        progressing({ iterations: 3, mirrored: true }),
        world(),
        healthy,
        'gatewayapi',
        {
          actions: [routes(0)],
          events: [
            'Stop traffic mirroring and route all traffic to canary podinfo.test',
          ],
        },
        { iterations: 4, canaryWeight: 100, mirrored: undefined },
      ],
      [
        'blue/green at iteration 3 of 3 and a closed confirm-promotion gate: waits with the traffic on the primary',
        blueGreen(),
        progressing({ iterations: 3 }),
        world(),
        checks(healthy.metrics, [hook('confirm-promotion', false)]),
        'istio',
        {
          actions: [],
          events: [
            'Halt advancement podinfo.test waiting for promotion approval confirm-promotion-hook',
          ],
        },
        { phase: 'WaitingPromotion', iterations: 3, canaryWeight: 0 },
      ],
      [
        'blue/green at iteration 3 of 3 on kubernetes: only the count moves, the Service keeps selecting the primary (as Flagger)',
        blueGreen(),
        progressing({ iterations: 3 }),
        world(),
        healthy,
        'kubernetes',
        { actions: [], events: [] },
        { phase: 'Progressing', iterations: 4, canaryWeight: 0 },
      ],
      [
        'blue/green at iteration 4 of 3, the traffic on the canary: copies the target to the primary (Promoting)',
        blueGreen(),
        progressing({ iterations: 4, canaryWeight: 100 }),
        world(),
        checks(healthy.metrics, [hook('confirm-promotion', false)]),
        'istio',
        {
          actions: [{ type: 'promotePrimary' }],
          events: [
            'Copying podinfo.test template spec to podinfo-primary.test',
          ],
        },
        { phase: 'Promoting', canaryWeight: 100 },
      ],
      [
        'blue/green at iteration 4 of 3 with a failing metric: counts a failed check, the traffic stays on the canary',
        blueGreen(),
        progressing({ iterations: 4, canaryWeight: 100 }),
        world(),
        checks([successRate(91.8), duration(120)]),
        'istio',
        {
          actions: [],
          events: [
            'Halt podinfo.test advancement request-success-rate 91.8% < 99%',
          ],
        },
        { phase: 'Progressing', canaryWeight: 100, failedChecks: 1 },
      ],
      [
        'blue/green Promoting, the primary not rolled out yet: keeps the traffic on the canary',
        blueGreen(),
        progressing({ phase: 'Promoting', iterations: 4, canaryWeight: 100 }),
        world(),
        checks(),
        'istio',
        { actions: [], events: [] },
        {
          phase: 'Promoting',
          canaryWeight: 100,
          reason:
            'Waiting for podinfo-primary.test to roll out the promoted revision',
        },
      ],
      [
        'blue/green Promoting and the primary rolled out: routes all traffic back to it (Finalising)',
        blueGreen(),
        progressing({ phase: 'Promoting', iterations: 4, canaryWeight: 100 }),
        promoted,
        checks(),
        'istio',
        {
          actions: [routes(100)],
          events: ['Routing all traffic to primary'],
        },
        { phase: 'Finalising', canaryWeight: 0 },
      ],
      [
        'session affinity, weight 0 to 20: the rollout gets its canary cookie and the step its primary cookie',
        sticky,
        progressing({ startedAt: EARLIER }),
        world(),
        checks(),
        'istio',
        {
          actions: [routes(80)],
          events: [
            'Starting canary analysis for podinfo.test',
            'Advance podinfo.test canary weight 20',
          ],
        },
        {
          canaryWeight: 20,
          sessionAffinityCookie: expect.stringMatching(
            /^flagger-cookie=[a-zA-Z]{10}$/,
          ),
          primarySessionAffinityCookie: expect.stringMatching(
            /^primary-cookie=[a-zA-Z]{10}$/,
          ),
        },
      ],
      [
        "session affinity, weight 20 to 40: keeps the rollout's canary cookie",
        sticky,
        progressing({
          canaryWeight: 20,
          sessionAffinityCookie: COOKIE,
          primarySessionAffinityCookie: 'primary-cookie=ApvLdqCoMF',
        }),
        world(),
        healthy,
        'istio',
        {
          actions: [routes(60)],
          events: ['Advance podinfo.test canary weight 40'],
        },
        {
          canaryWeight: 40,
          sessionAffinityCookie: COOKIE,
          primarySessionAffinityCookie: expect.not.stringMatching(
            /^primary-cookie=ApvLdqCoMF$/,
          ),
        },
      ],
      [
        'session affinity, Promoting and the primary rolled out: all traffic to the primary, the cookie kept as the previous one (to expire), no primary cookie',
        sticky,
        progressing({
          phase: 'Promoting',
          canaryWeight: 80,
          sessionAffinityCookie: COOKIE,
          primarySessionAffinityCookie: 'primary-cookie=ApvLdqCoMF',
        }),
        promoted,
        checks(),
        'istio',
        { actions: [routes(100)], events: ['Routing all traffic to primary'] },
        {
          phase: 'Finalising',
          previousSessionAffinityCookie: COOKIE,
          sessionAffinityCookie: undefined,
          primarySessionAffinityCookie: undefined,
        },
      ],
      [
        'session affinity, failed checks at the threshold: the rollback routes to the primary and keeps the cookie as the previous one',
        sticky,
        progressing({
          canaryWeight: 40,
          failedChecks: 3,
          sessionAffinityCookie: COOKIE,
        }),
        world(),
        healthy,
        'istio',
        thresholdRollback,
        {
          phase: 'Failed',
          previousSessionAffinityCookie: COOKIE,
          sessionAffinityCookie: undefined,
        },
      ],
      [
        "session affinity, the next rollout's first step: a new canary cookie, the previous one still recorded",
        sticky,
        progressing({
          startedAt: NOW,
          previousSessionAffinityCookie: COOKIE,
        }),
        world(),
        checks(),
        'istio',
        {
          actions: [routes(80)],
          events: [
            'Starting canary analysis for podinfo.test',
            'Advance podinfo.test canary weight 20',
          ],
        },
        {
          previousSessionAffinityCookie: COOKIE,
          sessionAffinityCookie: expect.not.stringMatching(
            /^flagger-cookie=LpsIaLdoNZ$/,
          ),
        },
      ],
    ])(
      'given %s',
      async (
        _,
        canarySpec,
        status,
        observed,
        answers,
        provider,
        expected,
        fields,
      ) => {
        const { actions, status: decided } = await decide(
          status,
          observed,
          answers,
          canarySpec,
          provider,
        );
        expect(withoutEvents(actions)).toEqual(expected.actions);
        expect(eventsOf(actions)).toEqual(expected.events);
        expect(fieldsOf(decided, fields)).toMatchObject(fields);
      },
    );

    it('given the same step decided twice (a lost status write, another replica), writes the same cookies; another rollout gets others', async () => {
      const first = await decide(
        progressing({ startedAt: EARLIER }),
        world(),
        checks(),
        sticky,
      );
      const again = await decide(
        progressing({ startedAt: EARLIER }),
        world(),
        checks(),
        sticky,
      );
      const next = await decide(
        progressing({ startedAt: NOW }),
        world(),
        checks(),
        sticky,
      );
      const cookies = (status: CanaryStatus) => [
        status.sessionAffinityCookie,
        status.primarySessionAffinityCookie,
      ];
      expect(cookies(again.status)).toEqual(cookies(first.status));
      expect(cookies(next.status)[0]).not.toEqual(cookies(first.status)[0]);
      expect(cookies(next.status)[1]).not.toEqual(cookies(first.status)[1]);
    });
  });
});
