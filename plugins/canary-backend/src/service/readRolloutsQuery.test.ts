import { readRolloutsQuery } from './readRolloutsQuery';

describe('readRolloutsQuery', () => {
  it('defaults to every owner, phase and cluster, the first 100', () => {
    expect(readRolloutsQuery({})).toEqual({
      owners: [],
      phases: [],
      clusters: [],
      limit: 100,
      offset: 0,
    });
  });

  it('reads repeated and comma-separated values, completing owner refs and phase case', () => {
    expect(
      readRolloutsQuery({
        owner: ['team-x', 'group:default/team-y,user:default/jane'],
        phase: 'progressing,Failed',
        cluster: ['east', 'west'],
        limit: '20',
        offset: '40',
      }),
    ).toEqual({
      owners: [
        'group:default/team-x',
        'group:default/team-y',
        'user:default/jane',
      ],
      phases: ['Progressing', 'Failed'],
      clusters: ['east', 'west'],
      limit: 20,
      offset: 40,
    });
  });

  it.each([
    [
      { phase: 'Running' },
      'phase "Running" is not a Canary phase; use one of Initializing, Initialized, Waiting, Progressing, WaitingPromotion, Promoting, Finalising, Succeeded, Failed, Terminating, Terminated',
    ],
    [
      { limit: '0' },
      'limit must be a whole number between 1 and 2000 (got "0")',
    ],
    [
      { limit: '5000' },
      'limit must be a whole number between 1 and 2000 (got "5000")',
    ],
    [
      { offset: '-1' },
      'offset must be a whole number between 0 and 9007199254740991 (got "-1")',
    ],
    [
      { offset: 'ten' },
      'offset must be a whole number between 0 and 9007199254740991 (got "ten")',
    ],
    [
      { owner: 'group:' },
      'owner "group:" is not an entity reference like group:default/team-x',
    ],
  ])('refuses %p', (query, message) => {
    expect(() => readRolloutsQuery(query)).toThrow(message);
  });
});
