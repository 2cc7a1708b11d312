import { failedRolloutAlert } from './__testUtils__/failedRolloutAlert';
import { portalNotificationFor } from './portalNotificationFor';

describe('portalNotificationFor', () => {
  it("says what happened and why, links the entity's Rollouts tab, and is scoped to the Canary", () => {
    expect(
      portalNotificationFor(failedRolloutAlert, 'component:default/podinfo'),
    ).toEqual({
      title:
        'Canary analysis of podinfo.test failed, rolled back to the primary.',
      description:
        'request-success-rate 91.8% < 99% (3 of 3 failed checks) Cluster lab, phase Failed, canary weight 0%.',
      link: '/catalog/default/component/podinfo/rollouts',
      severity: 'critical',
      topic: 'Rollouts',
      scope: 'canary:lab/test/podinfo',
    });
  });

  it('maps warn to high and info to normal, without a reason', () => {
    const waiting = {
      ...failedRolloutAlert,
      severity: 'warn' as const,
      reason: undefined,
      phase: 'WaitingPromotion',
    };
    expect(
      portalNotificationFor(waiting, 'component:default/podinfo'),
    ).toMatchObject({
      severity: 'high',
      description: 'Cluster lab, phase WaitingPromotion, canary weight 0%.',
    });
    expect(
      portalNotificationFor(
        { ...waiting, severity: 'info' },
        'component:default/podinfo',
      ).severity,
    ).toBe('normal');
  });
});
