import { ROLLOUT_PHASES } from '@vane/plugin-canary-common';
import type { ReleasePhase, ReleaseRow } from './toReleaseRow';

/** The columns the release table sorts by. */
export type ReleaseSortColumn =
  | 'entity'
  | 'rollout'
  | 'cluster'
  | 'controller'
  | 'phase'
  | 'weight'
  | 'failedChecks'
  | 'timeInPhase'
  | 'images';

/** Which column the table is sorted by, and which way. */
export interface ReleaseSort {
  column: ReleaseSortColumn;
  direction: 'asc' | 'desc';
}

// Phases sort in the order a rollout goes through them, not alphabetically (Argo's after the
// Canaries').
const PHASE_ORDER: ReleasePhase[] = ['NotInitialised', ...ROLLOUT_PHASES];

// One collator for every comparison: far cheaper than localeCompare over a thousand rows.
const text = new Intl.Collator(undefined, { numeric: true }).compare;

// Longer in phase means an earlier transition; an unknown transition sorts as the shortest.
const timeInPhase = (row: ReleaseRow) =>
  row.phaseSince ? -Date.parse(row.phaseSince) : -Infinity;

const COMPARATORS: Record<
  ReleaseSortColumn,
  (a: ReleaseRow, b: ReleaseRow) => number
> = {
  entity: (a, b) => text(a.entityTitle, b.entityTitle),
  rollout: (a, b) =>
    text(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`),
  cluster: (a, b) => text(a.cluster, b.cluster),
  controller: (a, b) => text(a.controller, b.controller),
  phase: (a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase),
  weight: (a, b) => a.canaryWeight - b.canaryWeight,
  failedChecks: (a, b) => (a.failedChecks ?? -1) - (b.failedChecks ?? -1),
  timeInPhase: (a, b) => timeInPhase(a) - timeInPhase(b),
  images: (a, b) => text(a.imagesTo, b.imagesTo),
};

/**
 * Sorts rows by a column (a new array); ties keep a stable order by key so rows do not jump
 * around between stream updates.
 */
export function sortReleaseRows(
  rows: readonly ReleaseRow[],
  sort: ReleaseSort,
): ReleaseRow[] {
  const compare = COMPARATORS[sort.column];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b) || text(a.key, b.key));
}
