import { mockServices } from '@backstage/backend-test-utils';
import { waitFor } from '@vane/mesh-lab';
import type { RolloutHistoryRecorder } from './RolloutHistoryRecorder';
import { RetryingHistoryRecorder } from './RetryingHistoryRecorder';

const canary = { cluster: 'lab', namespace: 'test', name: 'podinfo' };
const images = { primary: [], canary: [] };
const start = (revision: string) => ({
  canary,
  target: 'podinfo',
  revision,
  startedAt: `2026-12-03T12:00:0${revision.length}.000Z`,
  images,
});
const end = (revision: string) => ({
  ...start(revision),
  endedAt: '2026-12-03T12:05:00.000Z',
  result: 'Succeeded' as const,
  weightReached: 100,
});

/** A history whose database can be taken away: what it was written, in order. */
function historyThatCanBeDown() {
  const written: string[] = [];
  let down = false;
  const write = async (what: string) => {
    if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    written.push(what);
  };
  const history: RolloutHistoryRecorder = {
    recordStart: s => write(`start ${s.revision}`),
    recordProgress: p => write(`progress ${p.revision} ${p.weightReached}`),
    recordEnd: e => write(`end ${e.revision}`),
  };
  return {
    history,
    written,
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

describe('RetryingHistoryRecorder', () => {
  it('given the database away for three transitions, writes them in order once it is back, and the ones after them too', async () => {
    const db = historyThatCanBeDown();
    const logger = mockServices.logger.mock();
    const recorder = new RetryingHistoryRecorder(db.history, {
      logger,
      retryEveryMs: 50,
    });
    await recorder.recordStart(start('rev-a'));
    db.setDown(true);
    // No call throws: the rollout goes on while the rows wait.
    await recorder.recordProgress({
      canary: { cluster: 'lab', namespace: 'test', name: 'podinfo' },
      revision: 'rev-a',
      startedAt: '2026-11-22T12:00:00.000Z',
      weightReached: 40,
    });
    await recorder.recordEnd(end('rev-a'));
    await recorder.recordStart(start('rev-b'));
    expect(recorder.heldCount).toBe(3);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not write the weight 40% reached by the rollout of test/podinfo (revision rev-a) to the rollout history (connect ECONNREFUSED 127.0.0.1:5432)',
      ),
    );

    db.setDown(false);
    await waitFor('the held writes to land', () => recorder.heldCount === 0, {
      timeoutMs: 5000,
      intervalMs: 10,
    });
    await recorder.recordEnd(end('rev-b'));
    expect(db.written).toEqual([
      'start rev-a',
      'progress rev-a 40',
      'end rev-a',
      'start rev-b',
      'end rev-b',
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'The rollout history is written again; every held write has landed',
    );
    recorder.stop();
  });

  it('given more writes held than it keeps, drops the oldest and says which rollout the history misses', async () => {
    const db = historyThatCanBeDown();
    const logger = mockServices.logger.mock();
    const recorder = new RetryingHistoryRecorder(db.history, {
      logger,
      retryEveryMs: 60_000,
      maxHeld: 2,
    });
    db.setDown(true);
    await recorder.recordStart(start('rev-a'));
    await recorder.recordStart(start('rev-bb'));
    await recorder.recordStart(start('rev-ccc'));
    expect(recorder.heldCount).toBe(2);
    expect(logger.error).toHaveBeenCalledWith(
      'The rollout history is missing the start of the rollout of test/podinfo (revision rev-a): more than 2 writes waited for the database',
    );
    recorder.stop();
    expect(logger.error).toHaveBeenCalledWith(
      'The rollout history is missing the start of the rollout of test/podinfo (revision rev-ccc): the backend stopped before the database could be written',
    );
    expect(recorder.heldCount).toBe(0);
  });
});
