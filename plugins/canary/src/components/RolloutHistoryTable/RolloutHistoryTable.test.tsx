import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { RolloutHistoryEntry } from '@vane/plugin-canary-common';
import { RolloutHistoryTable } from './RolloutHistoryTable';

const entry = (
  id: number,
  fields: Partial<RolloutHistoryEntry>,
): RolloutHistoryEntry => ({
  id,
  cluster: 'lab',
  namespace: 'test',
  name: 'podinfo',
  revision: `rev-${id}`,
  images: { primary: [], canary: [] },
  startedAt: '2026-01-01T10:00:00Z',
  result: 'Succeeded',
  weightReached: 100,
  actions: [],
  ...fields,
});

describe('RolloutHistoryTable', () => {
  it('says how far a rollout under way has come, and how far an ended one went', async () => {
    await renderInTestApp(
      <RolloutHistoryTable
        entries={[
          entry(2, { result: 'Progressing', weightReached: 100 }),
          entry(1, {
            result: 'Failed',
            weightReached: 40,
            endedAt: '2026-01-01T10:05:00Z',
          }),
        ]}
        onSelect={() => {}}
      />,
    );
    expect(screen.getByText('rev-2').closest('tr')).toHaveTextContent(
      '100% so far',
    );
    const failed = screen.getByText('rev-1').closest('tr')!;
    expect(failed).toHaveTextContent('40%');
    expect(failed).not.toHaveTextContent('so far');
  });
});
