import { chooseAnalysisRange } from './chooseAnalysisRange';

const now = new Date('2026-11-22T12:00:00Z');
const iso = (range: { from: Date; to: Date }) => [
  range.from.toISOString(),
  range.to.toISOString(),
];

describe('chooseAnalysisRange', () => {
  it('covers the current rollout from its start to now', () => {
    expect(
      iso(
        chooseAnalysisRange({
          now,
          startedAt: '2026-11-22T11:40:00Z',
          lastTransitionTime: '2026-11-22T11:55:00Z',
        }),
      ),
    ).toEqual(['2026-11-22T11:40:00.000Z', '2026-11-22T12:00:00.000Z']);
  });

  it('covers a past rollout from its start to its end', () => {
    expect(
      iso(
        chooseAnalysisRange({
          now,
          startedAt: '2026-11-21T09:00:00Z',
          endedAt: '2026-11-21T09:12:00Z',
        }),
      ),
    ).toEqual(['2026-11-21T09:00:00.000Z', '2026-11-21T09:12:00.000Z']);
  });

  it('without a start, begins at the last transition', () => {
    expect(
      iso(
        chooseAnalysisRange({
          now,
          lastTransitionTime: '2026-11-22T11:50:00Z',
        }),
      ),
    ).toEqual(['2026-11-22T11:50:00.000Z', '2026-11-22T12:00:00.000Z']);
  });

  it('knowing nothing (or an unreadable time), shows the last hour', () => {
    expect(iso(chooseAnalysisRange({ now, startedAt: 'yesterday' }))).toEqual([
      '2026-11-22T11:00:00.000Z',
      '2026-11-22T12:00:00.000Z',
    ]);
  });

  it('clamps a start after the end and an end in the future', () => {
    expect(
      iso(
        chooseAnalysisRange({
          now,
          startedAt: '2026-11-22T13:00:00Z',
          endedAt: '2026-11-22T14:00:00Z',
        }),
      ),
    ).toEqual(['2026-11-22T12:00:00.000Z', '2026-11-22T12:00:00.000Z']);
  });
});
