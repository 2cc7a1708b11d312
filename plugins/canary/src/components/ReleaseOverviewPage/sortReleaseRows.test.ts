import { sortReleaseRows } from './sortReleaseRows';
import type { ReleaseRow } from './toReleaseRow';

function row(name: string, values: Partial<ReleaseRow>): ReleaseRow {
  return {
    key: `lab/test/${name}/component:default/${name}`,
    entityRef: `component:default/${name}`,
    controller: 'vane',
    entityTitle: name,
    cluster: 'lab',
    namespace: 'test',
    name,
    phase: 'Progressing',
    canaryWeight: 0,
    failedChecks: 0,
    imagesFrom: '',
    imagesTo: '',
    ...values,
  };
}

const names = (rows: ReleaseRow[]) => rows.map(r => r.name);

describe('sortReleaseRows', () => {
  const rows = [
    row('cart', {
      phase: 'Succeeded',
      canaryWeight: 0,
      phaseSince: '2026-01-01T10:00:00Z',
    }),
    row('podinfo', {
      phase: 'Progressing',
      canaryWeight: 40,
      phaseSince: '2026-01-01T11:00:00Z',
    }),
    row('checkout', {
      phase: 'Failed',
      canaryWeight: 0,
      phaseSince: '2026-01-01T11:30:00Z',
    }),
    row('search', { phase: 'NotInitialised', canaryWeight: 0 }),
  ];

  it('orders phases as a rollout goes through them, not alphabetically', () => {
    expect(
      names(sortReleaseRows(rows, { column: 'phase', direction: 'asc' })),
    ).toEqual(['search', 'podinfo', 'cart', 'checkout']);
  });

  it('puts the rollout longest in its phase last when sorting by time in phase', () => {
    expect(
      names(sortReleaseRows(rows, { column: 'timeInPhase', direction: 'asc' })),
    ).toEqual(['search', 'checkout', 'podinfo', 'cart']);
  });

  it('breaks ties by key so equal rows keep their places between updates', () => {
    expect(
      names(sortReleaseRows(rows, { column: 'weight', direction: 'desc' })),
    ).toEqual(['podinfo', 'cart', 'checkout', 'search']);
    expect(
      names(sortReleaseRows(rows, { column: 'weight', direction: 'asc' })),
    ).toEqual(['cart', 'checkout', 'search', 'podinfo']);
  });

  it('leaves the given rows as they were', () => {
    const before = names(rows);
    sortReleaseRows(rows, { column: 'entity', direction: 'desc' });
    expect(names(rows)).toEqual(before);
  });
});
