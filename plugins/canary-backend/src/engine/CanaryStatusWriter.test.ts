import { mockServices } from '@backstage/backend-test-utils';
import type { Canary, CanaryStatus } from '@vane/plugin-canary-common';
import { podinfoCanary } from '../routers/testing/podinfoCanary';
import { InMemoryCluster } from '../testing/InMemoryCluster';
import { CanaryEventRecorder } from './CanaryEventRecorder';
import { CanaryStatusWriter } from './CanaryStatusWriter';

const NOW = new Date('2026-11-22T12:00:00Z');
const gate = {
  type: 'confirm-promotion' as const,
  name: 'ship',
  revision: 'rev-b',
  servedByVane: true,
  since: '2026-11-22T11:00:00Z',
};

function setup(status: CanaryStatus = {}) {
  const canary: Canary = {
    ...podinfoCanary(),
    metadata: { ...podinfoCanary().metadata, resourceVersion: '7' },
    status,
  };
  const cluster = new InMemoryCluster().apply(canary);
  const logger = mockServices.logger.mock();
  const writer = new CanaryStatusWriter({
    writer: cluster.writer,
    events: new CanaryEventRecorder({ writer: cluster.writer, logger }),
    logger,
  });
  return { canary, cluster, writer };
}

describe('CanaryStatusWriter', () => {
  it('given a status that no longer holds a reason or a gate, writes nulls that remove them, and the canaryWeight a gate no longer has', async () => {
    const { canary, cluster, writer } = setup({
      phase: 'WaitingPromotion',
      reason: 'Waiting for approval',
      gate: { ...gate, canaryWeight: 80 },
    });
    expect(await writer.write(canary, { phase: 'Promoting' }, NOW)).toBe(true);
    expect(cluster.writesOf('patchStatus')[0].status).toEqual({
      phase: 'Promoting',
      reason: null,
      gate: null,
    });

    cluster.clearWrites();
    await writer.write(canary, { phase: 'WaitingPromotion', gate }, NOW);
    expect(cluster.writesOf('patchStatus')[0].status).toMatchObject({
      gate: { ...gate, canaryWeight: null },
    });
  });

  it('given a status that stopped mirroring and moved its cookie to the previous one, writes nulls that remove the mirroring and the cookies it dropped', async () => {
    const { canary, cluster, writer } = setup({
      phase: 'Progressing',
      canaryWeight: 0,
      mirrored: true,
      sessionAffinityCookie: 'flagger-cookie=LpsIaLdoNZ',
      primarySessionAffinityCookie: 'primary-cookie=ApvLdqCoMF',
    });
    await writer.write(
      canary,
      {
        phase: 'Failed',
        canaryWeight: 0,
        previousSessionAffinityCookie: 'flagger-cookie=LpsIaLdoNZ',
      },
      NOW,
    );
    expect(cluster.writesOf('patchStatus')[0].status).toEqual({
      phase: 'Failed',
      canaryWeight: 0,
      previousSessionAffinityCookie: 'flagger-cookie=LpsIaLdoNZ',
      mirrored: null,
      sessionAffinityCookie: null,
      primarySessionAffinityCookie: null,
      reason: null,
      gate: null,
    });
  });

  it("given a status past the pause step of analysis.steps, writes the nulls that remove it (and an index a new rollout no longer has); a pause {} after a timed one loses the timed one's end", async () => {
    const timed = {
      step: 1,
      startTime: '2026-11-22T11:50:00.000Z',
      endTime: '2026-11-22T12:00:00.000Z',
    };
    const { canary, cluster, writer } = setup({
      phase: 'Progressing',
      currentStepIndex: 1,
      stepPause: timed,
    });
    await writer.write(
      canary,
      { phase: 'Promoting', currentStepIndex: 2 },
      NOW,
    );
    expect(cluster.writesOf('patchStatus')[0].status).toEqual({
      phase: 'Promoting',
      currentStepIndex: 2,
      reason: null,
      gate: null,
      stepPause: null,
    });

    cluster.clearWrites();
    await writer.write(
      canary,
      { phase: 'Progressing', startedAt: NOW.toISOString() },
      NOW,
    );
    expect(cluster.writesOf('patchStatus')[0].status).toMatchObject({
      currentStepIndex: null,
      stepPause: null,
    });

    cluster.clearWrites();
    const held = { step: 3, startTime: '2026-11-22T12:00:00.000Z' };
    await writer.write(
      canary,
      { phase: 'Progressing', currentStepIndex: 3, stepPause: held },
      NOW,
    );
    expect(cluster.writesOf('patchStatus')[0].status).toMatchObject({
      stepPause: { ...held, endTime: null },
    });
  });

  it('given the stored status, writes nothing', async () => {
    const status: CanaryStatus = { phase: 'Progressing', canaryWeight: 40 };
    const { canary, cluster, writer } = setup(status);
    expect(await writer.write(canary, { ...status }, NOW)).toBe(false);
    expect(cluster.writes).toEqual([]);
  });

  it('takes the Canary at the version it wrote over for a stale cache, until the cache moves on or 30 seconds pass', async () => {
    const { canary, writer } = setup();
    expect(writer.isStale(canary, NOW)).toBe(false);
    await writer.write(canary, { phase: 'Initializing' }, NOW);

    expect(writer.isStale(canary, NOW)).toBe(true);
    expect(
      writer.isStale(
        { ...canary, metadata: { ...canary.metadata, resourceVersion: '8' } },
        NOW,
      ),
    ).toBe(false);
    expect(writer.isStale(canary, new Date(NOW.getTime() + 30_000))).toBe(
      false,
    );
  });

  it('given a failed tick, writes only the reason over the stored status, and not the same reason twice', async () => {
    const status: CanaryStatus = { phase: 'Progressing', canaryWeight: 40 };
    const { canary, cluster, writer } = setup(status);
    await writer.writeFailure(canary, status, 'Canary test/podinfo: boom');
    expect(cluster.writesOf('patchStatus').map(w => w.status)).toEqual([
      {
        phase: 'Progressing',
        canaryWeight: 40,
        reason: 'Canary test/podinfo: boom',
      },
    ]);

    cluster.clearWrites();
    await writer.writeFailure(
      canary,
      { ...status, reason: 'Canary test/podinfo: boom' },
      'Canary test/podinfo: boom',
    );
    expect(cluster.writes).toEqual([]);
  });

  it('reports a refused Canary with a Valid=False condition beside its others and a Warning event, once', async () => {
    const promoted = {
      type: 'Promoted',
      status: 'True' as const,
      reason: 'Succeeded',
      message: 'done',
    };
    const { canary, cluster, writer } = setup({ conditions: [promoted] });
    const message =
      'Invalid Canary test/podinfo: analysis.stepWeight must be between 1 and 100 (got 0)';
    await writer.reportInvalid(canary, message, NOW);
    expect(cluster.writesOf('patchStatus')[0].status).toEqual({
      reason: message,
      conditions: [
        promoted,
        {
          type: 'Valid',
          status: 'False',
          reason: 'InvalidSpec',
          message,
          lastUpdateTime: NOW.toISOString(),
          lastTransitionTime: NOW.toISOString(),
        },
      ],
    });
    expect(cluster.writesOf('createEvent')[0].event).toMatchObject({
      type: 'Warning',
      message,
    });

    const reported = cluster.find({
      apiVersion: 'delivery.vane.dev/v1alpha1',
      kind: 'Canary',
      namespace: 'test',
      name: 'podinfo',
    }) as unknown as Canary;
    cluster.clearWrites();
    await writer.reportInvalid(reported, message, NOW);
    expect(cluster.writes).toEqual([]);
    // Deciding again once the spec is valid starts from the status without that condition.
    expect(writer.decidableStatus(reported).conditions).toEqual([promoted]);
  });
});
