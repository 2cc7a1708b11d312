import type { CanaryRollout } from '@vane/plugin-canary-common';
import { haltedRollout } from '../__testUtils__/sampleRollout';
import { reuseUnchangedRows } from './reuseUnchangedRows';
import { toReleaseRow } from './toReleaseRow';

const named = (name: string, canaryWeight = 40): CanaryRollout => ({
  ...haltedRollout,
  name,
  status: { ...haltedRollout.status, canaryWeight },
});

describe('reuseUnchangedRows', () => {
  it('keeps the row objects of unchanged rollouts and takes the new one of a changed rollout', () => {
    const first = [named('a'), named('b')].map(toReleaseRow);
    const previous = new Map(first.map(row => [row.key, row]));

    const next = reuseUnchangedRows(
      previous,
      [named('a'), named('b', 60), named('c')].map(toReleaseRow),
    );

    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[1]);
    expect(next[1].canaryWeight).toBe(60);
    expect(next[2].name).toBe('c');
  });
});
