import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { RolloutAnalysisMetric } from '@vane/plugin-canary-common';
import { AnalysisChart } from './AnalysisChart';

const successRate: RolloutAnalysisMetric = {
  name: 'request-success-rate',
  thresholdRange: { min: 99 },
  canary: [
    [1_767_268_800, 99.8],
    [1_767_268_860, 97],
    [1_767_268_920, 96.5],
    [1_767_268_980, 99.6],
  ],
  primary: [
    [1_767_268_800, 99.9],
    [1_767_268_860, 99.9],
    [1_767_268_920, 100],
    [1_767_268_980, 99.9],
  ],
  failed: [1_767_268_860, 1_767_268_920],
};

describe('AnalysisChart', () => {
  it('draws the canary and the primary, the threshold as a line, and a red dot per failed check', async () => {
    await renderInTestApp(
      <AnalysisChart metric={successRate} width={600} height={240} />,
    );
    const chart = screen.getByTestId('analysis-chart-request-success-rate');
    expect(chart).toHaveTextContent(
      'request-success-rate (min 99) · 2 failed checks',
    );
    expect(chart.querySelector('svg.recharts-surface')).not.toBeNull();
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(2);
    const threshold = chart.querySelectorAll('.recharts-reference-line');
    expect(threshold).toHaveLength(1);
    expect(threshold[0]).toHaveTextContent('min 99');
    expect(chart.querySelectorAll('.recharts-reference-dot')).toHaveLength(2);
  });

  it('says why a metric has no series instead of an empty chart', async () => {
    await renderInTestApp(
      <AnalysisChart
        width={600}
        metric={{
          name: 'error-budget',
          canary: [],
          failed: [],
          error: 'MetricTemplate test/error-budget not found',
        }}
      />,
    );
    expect(screen.getByTestId('analysis-chart-error-budget')).toHaveTextContent(
      'No series: MetricTemplate test/error-budget not found',
    );
  });
});
