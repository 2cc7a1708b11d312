import type { ReleasePhase, ReleaseRow } from './toReleaseRow';

/** How many rows are in each phase; phases without rows are absent. */
export function countByPhase(
  rows: readonly ReleaseRow[],
): Map<ReleasePhase, number> {
  const counts = new Map<ReleasePhase, number>();
  for (const row of rows) {
    counts.set(row.phase, (counts.get(row.phase) ?? 0) + 1);
  }
  return counts;
}
