import type { CanaryStatus } from '@vane/plugin-canary-common';
import { statusChanged } from './statusChanged';

const waiting: CanaryStatus = {
  phase: 'WaitingPromotion',
  canaryWeight: 80,
  gate: {
    type: 'confirm-promotion',
    name: 'release-manager',
    revision: 'rev-b',
    servedByVane: true,
    since: '2026-11-22T11:58:00Z',
  },
  conditions: [
    {
      type: 'Promoted',
      status: 'Unknown',
      reason: 'WaitingPromotion',
      lastUpdateTime: '2026-11-22T11:58:00Z',
      lastTransitionTime: '2026-11-22T11:58:00Z',
    },
  ],
};

describe('statusChanged', () => {
  it('given the stored status with its nested keys sorted as the API server returns them, sees no change', () => {
    const asStored = {
      canaryWeight: 80,
      conditions: [
        {
          lastTransitionTime: '2026-11-22T11:58:00Z',
          lastUpdateTime: '2026-11-22T11:58:00Z',
          reason: 'WaitingPromotion',
          status: 'Unknown',
          type: 'Promoted',
        },
      ],
      gate: {
        name: 'release-manager',
        revision: 'rev-b',
        servedByVane: true,
        since: '2026-11-22T11:58:00Z',
        type: 'confirm-promotion',
      },
      phase: 'WaitingPromotion',
    } as CanaryStatus;
    expect(statusChanged(asStored, waiting)).toBe(false);
  });

  it("given only the conditions' lastUpdateTime moved, sees no change", () => {
    const later = {
      ...waiting,
      conditions: [
        { ...waiting.conditions![0], lastUpdateTime: '2026-11-22T12:00:00Z' },
      ],
    };
    expect(statusChanged(waiting, later)).toBe(false);
  });

  it('given the gate wait gone, sees a change', () => {
    const { gate, ...opened } = waiting;
    expect(statusChanged(waiting, { ...opened, phase: 'Promoting' })).toBe(
      true,
    );
    expect(statusChanged(waiting, opened)).toBe(true);
  });
});
