import type { ReleaseRow } from './toReleaseRow';

function sameRow(a: ReleaseRow, b: ReleaseRow): boolean {
  const keys = Object.keys(a) as Array<keyof ReleaseRow>;
  return (
    keys.length === Object.keys(b).length &&
    keys.every(key => a[key] === b[key])
  );
}

/**
 * Keeps the previous object of every row whose values did not change, so a stream update that
 * touches one rollout of a thousand re-renders one row (rows are memoised by identity).
 */
export function reuseUnchangedRows(
  previous: ReadonlyMap<string, ReleaseRow>,
  next: readonly ReleaseRow[],
): ReleaseRow[] {
  return next.map(row => {
    const before = previous.get(row.key);
    return before && sameRow(before, row) ? before : row;
  });
}
