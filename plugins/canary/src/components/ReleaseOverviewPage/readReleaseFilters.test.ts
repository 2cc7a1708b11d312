import { readReleaseFilters } from './readReleaseFilters';
import { writeReleaseFilters } from './writeReleaseFilters';

const read = (query: string) => readReleaseFilters(new URLSearchParams(query));

describe('readReleaseFilters', () => {
  it("means the signed-in user's teams when the link names no owner", () => {
    expect(read('')).toEqual({ owner: { kind: 'mine' } });
  });

  it('reads every owner, a phase in any case and a cluster', () => {
    expect(read('owner=all&phase=failed&cluster=lab-east')).toEqual({
      owner: { kind: 'all' },
      phase: 'Failed',
      cluster: 'lab-east',
    });
  });

  it('completes short owner names to group refs, as the backend reads them', () => {
    expect(read('owner=team-x&owner=user:default/jane').owner).toEqual({
      kind: 'owners',
      owners: ['group:default/team-x', 'user:default/jane'],
    });
  });

  it('drops what it does not know, so a stale link still opens a working page', () => {
    expect(read('owner=group:&phase=Rolling')).toEqual({
      owner: { kind: 'mine' },
      phase: undefined,
      cluster: undefined,
    });
  });

  it('reads back what writeReleaseFilters wrote', () => {
    const filters = {
      owner: {
        kind: 'owners' as const,
        owners: ['group:default/team-a', 'group:default/team-b'],
      },
      phase: 'Progressing' as const,
      cluster: 'lab',
    };
    expect(readReleaseFilters(writeReleaseFilters(filters))).toEqual(filters);
    expect(writeReleaseFilters({ owner: { kind: 'mine' } }).toString()).toBe(
      '',
    );
  });
});
