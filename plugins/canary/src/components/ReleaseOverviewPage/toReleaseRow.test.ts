import { haltedRollout } from '../__testUtils__/sampleRollout';
import { toReleaseRow } from './toReleaseRow';

describe('toReleaseRow', () => {
  it('flattens a halted canary release into what the table shows', () => {
    expect(toReleaseRow(haltedRollout)).toMatchObject({
      key: 'lab/test/podinfo/component:default/podinfo',
      entityTitle: 'podinfo',
      phase: 'Progressing',
      canaryWeight: 40,
      progress: 'step 2 of 4',
      failedChecks: 2,
      threshold: 3,
      imagesFrom: 'ghcr.io/stefanprodan/podinfo:6.0.0',
      imagesTo: 'ghcr.io/stefanprodan/podinfo:6.1.0',
    });
  });

  it('gives a Canary the engine has not seen yet its own phase, with no progress', () => {
    const row = toReleaseRow({
      ...haltedRollout,
      entityRef: 'component:payments/ledger',
      status: { ...haltedRollout.status, phase: undefined },
    });
    expect(row.phase).toBe('NotInitialised');
    expect(row.progress).toBeUndefined();
    expect(row.entityTitle).toBe('payments/ledger');
  });
});
