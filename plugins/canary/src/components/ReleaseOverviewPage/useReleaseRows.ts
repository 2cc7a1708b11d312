import { useMemo, useRef } from 'react';
import type { CanaryRollout } from '@vane/plugin-canary-common';
import { reuseUnchangedRows } from './reuseUnchangedRows';
import { ReleaseRow, toReleaseRow } from './toReleaseRow';

/** The rows of the given rollouts, each unchanged row the same object as in the last answer. */
export function useReleaseRows(
  rollouts: readonly CanaryRollout[] | undefined,
): ReleaseRow[] {
  const previous = useRef(new Map<string, ReleaseRow>());
  return useMemo(() => {
    const rows = reuseUnchangedRows(
      previous.current,
      (rollouts ?? []).map(toReleaseRow),
    );
    previous.current = new Map(rows.map(row => [row.key, row]));
    return rows;
  }, [rollouts]);
}
