import type { CanaryRollout, CanaryPhase } from '@vane/plugin-canary-common';
import { selectRollouts } from './selectRollouts';

function rollout(cluster: string, name: string, phase?: CanaryPhase) {
  return {
    cluster,
    namespace: 'test',
    name,
    entityRef: `component:default/${name}`,
    status: { ...(phase ? { phase } : {}) },
  } as CanaryRollout;
}

const all = [
  rollout('west', 'b', 'Progressing'),
  rollout('east', 'c', 'Failed'),
  rollout('east', 'a', 'Progressing'),
  rollout('west', 'a'),
  rollout('east', 'b', 'Succeeded'),
];
const ids = (items: CanaryRollout[]) =>
  items.map(i => `${i.cluster}/${i.name}`);
const everything = { phases: [], clusters: [], limit: 100, offset: 0 };

describe('selectRollouts', () => {
  it('orders by cluster, namespace and name', () => {
    const page = selectRollouts(all, everything);
    expect(ids(page.items)).toEqual([
      'east/a',
      'east/b',
      'east/c',
      'west/a',
      'west/b',
    ]);
    expect(page.totalCount).toBe(5);
  });

  it('filters by phases (a Canary without a phase matches none) and clusters', () => {
    expect(
      ids(
        selectRollouts(all, {
          ...everything,
          phases: ['Progressing', 'Failed'],
        }).items,
      ),
    ).toEqual(['east/a', 'east/c', 'west/b']);
    expect(
      ids(selectRollouts(all, { ...everything, clusters: ['west'] }).items),
    ).toEqual(['west/a', 'west/b']);
    expect(
      ids(
        selectRollouts(all, {
          ...everything,
          phases: ['Progressing'],
          clusters: ['west'],
        }).items,
      ),
    ).toEqual(['west/b']);
  });

  it('cuts a page and counts every match', () => {
    expect(selectRollouts(all, { ...everything, limit: 2, offset: 2 })).toEqual(
      {
        items: [all[1], all[3]],
        totalCount: 5,
        offset: 2,
        limit: 2,
      },
    );
    expect(
      selectRollouts(all, { ...everything, limit: 2, offset: 10 }).items,
    ).toEqual([]);
  });
});
