import { mockServices } from '@backstage/backend-test-utils';
import type { CanaryRolloutAlert } from '@vane/plugin-canary-node';
import { validateCanarySpec } from '@vane/plugin-canary-common';
import { podinfoCanary } from '../routers/testing/podinfoCanary';
import { StatusChangeEffects } from './StatusChangeEffects';

const canary = podinfoCanary();
const validated = validateCanarySpec(canary.spec);
if (!validated.valid) throw new Error('invalid test spec');
const spec = validated.spec;
const deployment = (image: string) => ({
  spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } },
});
const started = {
  previous: { phase: 'Succeeded' as const, lastAppliedSpec: 'rev-a' },
  next: {
    phase: 'Progressing' as const,
    lastAppliedSpec: 'rev-b',
    startedAt: '2026-11-22T12:00:00Z',
  },
};

function setup(history: { fails?: boolean } = {}) {
  const recorded: unknown[] = [];
  const alerts: CanaryRolloutAlert[] = [];
  const logger = mockServices.logger.mock();
  const effects = new StatusChangeEffects({
    clusterName: 'lab',
    logger,
    history: {
      recordStart: async start => {
        if (history.fails) throw new Error('database is locked');
        recorded.push(start);
      },
      recordProgress: async progress => {
        recorded.push(progress);
      },
      recordEnd: async end => {
        recorded.push(end);
      },
    },
    alerts: { send: async alert => void alerts.push(alert) },
  });
  return { effects, recorded, alerts, logger };
}

describe('StatusChangeEffects', () => {
  it('given a rollout that starts, records its start with the images of both Deployments and sends the start alert', async () => {
    const { effects, recorded, alerts } = setup();
    await effects.follow({
      canary,
      spec,
      ...started,
      primary: deployment('podinfo:6.0.0'),
      target: deployment('podinfo:6.1.0'),
    });
    expect(recorded).toEqual([
      {
        canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
        target: 'podinfo',
        kind: 'started',
        revision: 'rev-b',
        startedAt: '2026-11-22T12:00:00Z',
        images: {
          primary: [{ container: 'podinfod', image: 'podinfo:6.0.0' }],
          canary: [{ container: 'podinfod', image: 'podinfo:6.1.0' }],
        },
      },
    ]);
    expect(alerts.map(a => [a.severity, a.message])).toEqual([
      [
        'info',
        'New revision detected, progressing canary analysis of podinfo.test.',
      ],
    ]);
  });

  it('given a history that cannot be written, logs it and still sends the alert', async () => {
    const { effects, alerts, logger } = setup({ fails: true });
    await effects.follow({ canary, spec, ...started });
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not record the start of the rollout of test/podinfo in the history: database is locked',
    );
    expect(alerts).toHaveLength(1);
  });

  it('given a step to weight 40, records the weight the rollout reached and sends nothing', async () => {
    const { effects, recorded, alerts } = setup();
    const underWay = { startedAt: 'x', lastAppliedSpec: 'rev-b' };
    await effects.follow({
      canary,
      spec,
      previous: { phase: 'Progressing', canaryWeight: 20, ...underWay },
      next: { phase: 'Progressing', canaryWeight: 40, ...underWay },
    });
    expect(recorded).toEqual([
      {
        canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
        revision: 'rev-b',
        startedAt: 'x',
        weightReached: 40,
      },
    ]);
    expect(alerts).toEqual([]);
  });

  it('given a change that neither starts, moves on nor ends a rollout nor waits at a gate, records and sends nothing', async () => {
    const { effects, recorded, alerts } = setup();
    const underWay = {
      startedAt: 'x',
      lastAppliedSpec: 'rev-b',
      canaryWeight: 40,
    };
    await effects.follow({
      canary,
      spec,
      previous: { phase: 'Progressing', failedChecks: 0, ...underWay },
      next: { phase: 'Progressing', failedChecks: 1, ...underWay },
    });
    expect(recorded).toEqual([]);
    expect(alerts).toEqual([]);
  });

  it('given a rollout reaching a gate whose webhook sets muteAlert, sends no alert; the same gate without it alerts', async () => {
    const gate = {
      type: 'confirm-promotion' as const,
      name: 'ship-it',
      revision: 'rev-b',
      servedByVane: true,
      since: '2026-11-22T12:01:00Z',
    };
    const progressing = { phase: 'Progressing' as const, startedAt: 'x' };
    const withGate = (muteAlert: boolean) => ({
      ...spec,
      analysis: {
        ...spec.analysis,
        webhooks: [
          {
            name: 'ship-it',
            type: 'confirm-promotion' as const,
            url: 'vane://approval',
            muteAlert,
          },
        ],
      },
    });
    const { effects, alerts } = setup();
    for (const muteAlert of [true, false]) {
      await effects.follow({
        canary,
        spec: withGate(muteAlert),
        previous: progressing,
        next: { ...progressing, gate },
      });
    }
    expect(alerts.map(a => a.message)).toEqual([
      'podinfo.test is waiting for approval at its confirm-promotion gate ship-it: approve or abort it on the Canary in Backstage.',
    ]);
  });
});
