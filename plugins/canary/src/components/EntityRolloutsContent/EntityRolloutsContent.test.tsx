import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  RolloutAnalysisResponse,
  RolloutHistoryEntry,
} from '@vane/plugin-canary-common';
import { canaryApiRef } from '../../api/CanaryApi';
import { fakeCanaryApi } from '../__testUtils__/fakeCanaryApi';
import {
  haltedRollout,
  pausedArgoRollout,
} from '../__testUtils__/sampleRollout';
import { EntityRolloutsContent } from './EntityRolloutsContent';

// recharts' ResponsiveContainer measures its box; jsdom has no layout, nor ResizeObserver.
beforeAll(() => {
  global.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const podinfo: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'podinfo',
    annotations: { 'vane.dev/canary': 'test/podinfo' },
  },
};

const analysis: RolloutAnalysisResponse = {
  cluster: 'lab',
  namespace: 'test',
  name: 'podinfo',
  from: '2026-01-01T11:50:00Z',
  to: '2026-01-01T12:00:00Z',
  stepSeconds: 60,
  metrics: [
    {
      name: 'request-success-rate',
      thresholdRange: { min: 99 },
      canary: [
        [1_767_268_800, 99.8],
        [1_767_268_860, 97],
      ],
      failed: [1_767_268_860],
    },
    {
      name: 'request-duration',
      thresholdRange: { max: 500 },
      canary: [[1_767_268_800, 120]],
      failed: [],
    },
  ],
};

const pastRollout: RolloutHistoryEntry = {
  id: 7,
  cluster: 'lab',
  namespace: 'test',
  name: 'podinfo',
  revision: '5f7d9c8b6a41',
  images: {
    primary: [
      { container: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:5.2.0' },
    ],
    canary: [
      { container: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
    ],
  },
  startedAt: '2025-12-31T10:00:00Z',
  endedAt: '2025-12-31T10:12:00Z',
  result: 'Failed',
  weightReached: 40,
  reason: 'request-success-rate 91% < 99%',
  actions: [
    {
      action: 'abort',
      user: 'user:default/ana',
      at: '2025-12-31T10:11:00Z',
      message: 'Abort requested by user:default/ana',
    },
  ],
};

describe('EntityRolloutsContent', () => {
  it('shows per rollout its row, steps, one chart per metric, its events and its history, and a past rollout’s analysis on a click', async () => {
    const backend = fakeCanaryApi({
      rollouts: { items: [haltedRollout], errors: [] },
      analysis,
      history: {
        items: [pastRollout, { ...pastRollout, id: 8, name: 'another-canary' }],
        totalCount: 2,
      },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [canaryApiRef, backend.api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={podinfo}>
          <EntityRolloutsContent />
        </EntityProvider>
      </TestApiProvider>,
    );

    const row = await screen.findByTestId('rollout-row-lab-test-podinfo');
    expect(within(row).getByRole('button', { name: 'Pause' })).toBeEnabled();
    expect(
      within(screen.getByTestId('step-timeline')).getByTestId('step-1'),
    ).toHaveAttribute('aria-current', 'step');
    expect(
      await screen.findByTestId('analysis-chart-request-success-rate'),
    ).toHaveTextContent('request-success-rate (min 99) · 1 failed check');
    expect(
      screen.getByTestId('analysis-chart-request-duration'),
    ).toHaveTextContent('request-duration (max 500)');

    expect(screen.getByText('Events')).toBeInTheDocument();
    expect(
      screen.getByText('Halt advancement: request-success-rate 97% < 99%'),
    ).toBeInTheDocument();

    expect(screen.getByText('History')).toBeInTheDocument();
    const past = (
      await screen.findByText('request-success-rate 91% < 99%')
    ).closest('tr')!;
    expect(past).toHaveTextContent('podinfo:6.0.0');
    expect(past).toHaveTextContent('Failed');
    expect(past).toHaveTextContent('40%');
    expect(past).toHaveTextContent('abort by user:default/ana');
    // Another Canary's history belongs to its own section.
    expect(
      screen.queryByText('5f7d9c8b6a', { selector: 'code' }),
    ).not.toBeNull();
    expect(
      screen.getAllByText('5f7d9c8b6a', { selector: 'code' }),
    ).toHaveLength(1);

    await userEvent.click(past);
    await waitFor(() =>
      expect(backend.mocks.getRolloutAnalysis).toHaveBeenCalledWith(
        'component:default/podinfo',
        { cluster: 'lab', namespace: 'test', name: 'podinfo' },
        { historyId: 7 },
      ),
    );
    expect(
      await screen.findByTestId('history-analysis-chart-request-success-rate'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('history-analysis')).toHaveTextContent(
      'Analysis of revision 5f7d9c8b6a (Failed',
    );
    // The whole tab with two material tables renders slowly on a shared 2-core machine.
  }, 30_000);

  it("shows an Argo Rollout's steps, its AnalysisRuns with their metrics and the actions taken on it in the portal, and asks for no analysis chart", async () => {
    const backend = fakeCanaryApi({
      rollouts: { items: [pausedArgoRollout], errors: [] },
      analysis,
      history: {
        items: [pastRollout],
        totalCount: 1,
        otherControllerActions: [
          {
            cluster: 'lab',
            namespace: 'test',
            name: 'ratings',
            controller: 'argo-rollouts',
            action: 'pause',
            user: 'user:default/ana',
            at: '2026-01-01T11:50:00Z',
            message: 'Paused by user:default/ana',
          },
        ],
      },
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [canaryApiRef, backend.api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider
          entity={{
            ...podinfo,
            metadata: {
              name: 'ratings',
              annotations: { 'backstage.io/kubernetes-id': 'ratings' },
            },
          }}
        >
          <EntityRolloutsContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    await screen.findByTestId('rollout-row-lab-test-ratings-argo-rollouts');
    expect(
      screen.getByText('cluster lab · driven by Argo Rollouts'),
    ).toBeInTheDocument();
    const step = within(screen.getByTestId('step-timeline')).getByTestId(
      'step-1',
    );
    expect(step).toHaveAttribute('aria-current', 'step');
    expect(step).toHaveTextContent('pause');
    expect(step).toHaveTextContent('actual weight 25%');
    const run = screen.getByTestId('analysis-run-ratings-b2-2');
    expect(run).toHaveTextContent('revision 2');
    expect(run).toHaveTextContent('success: result[0] >= 0.95');
    expect(run).toHaveTextContent(
      '2 measured: 2 successful, 0 failed, 0 inconclusive, 0 errors',
    );
    expect(run).toHaveTextContent('[0.99]');
    expect(screen.getByText('Actions in the portal')).toBeInTheDocument();
    expect(
      await screen.findByText('Paused by user:default/ana'),
    ).toBeInTheDocument();
    // Vane's history of a Canary of another name is not this Rollout's.
    expect(screen.queryByText('History')).toBeNull();
    expect(backend.mocks.getRolloutAnalysis).not.toHaveBeenCalled();
  }, 30_000);
});
