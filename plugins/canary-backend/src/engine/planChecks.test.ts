import { CanaryStatus, validateCanarySpec } from '@vane/plugin-canary-common';
import type { ObservedWorld } from './ObservedWorld';
import { planChecks } from './planChecks';

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

const world: ObservedWorld = {
  now: '2026-11-22T12:00:00Z',
  target: { exists: true, revision: 'rev-b', ready: true },
  primary: { exists: true, ready: true, revision: 'rev-a' },
};
const base: CanaryStatus = {
  phase: 'Progressing',
  canaryWeight: 0,
  failedChecks: 0,
  lastAppliedSpec: 'rev-b',
  lastPromotedSpec: 'rev-a',
};

describe('planChecks', () => {
  it('asks the confirm-rollout gates when a new revision arrives', () => {
    expect(
      planChecks(
        spec,
        { ...base, phase: 'Succeeded', lastAppliedSpec: 'rev-a' },
        world,
      ),
    ).toEqual({ webhookTypes: ['confirm-rollout'], metrics: false });
  });

  it('runs pre-rollout webhooks, and no metrics, before any traffic reaches the canary', () => {
    expect(planChecks(spec, base, world)).toEqual({
      webhookTypes: ['rollback', 'pre-rollout'],
      metrics: false,
    });
  });

  it('measures metrics and runs rollout webhooks once the canary takes traffic', () => {
    expect(planChecks(spec, { ...base, canaryWeight: 20 }, world)).toEqual({
      webhookTypes: [
        'rollback',
        'rollout',
        'confirm-traffic-increase',
        'confirm-promotion',
      ],
      metrics: true,
    });
  });

  it('measures nothing while the canary is not ready, or when the threshold is reached', () => {
    expect(
      planChecks(
        spec,
        { ...base, canaryWeight: 20 },
        { ...world, target: { ...world.target, ready: false } },
      ),
    ).toEqual({ webhookTypes: [], metrics: false });
    expect(
      planChecks(spec, { ...base, canaryWeight: 20, failedChecks: 3 }, world),
    ).toEqual({ webhookTypes: [], metrics: false });
  });

  it('asks the confirm-promotion gates while waiting for promotion', () => {
    expect(
      planChecks(
        spec,
        { ...base, phase: 'WaitingPromotion', canaryWeight: 80 },
        world,
      ),
    ).toEqual({ webhookTypes: ['confirm-promotion'], metrics: false });
  });
});
