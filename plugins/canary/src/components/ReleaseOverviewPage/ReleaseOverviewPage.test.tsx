import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  CanaryRollout,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import {
  CanaryApi,
  canaryApiRef,
  CanaryRolloutsQuery,
} from '../../api/CanaryApi';
import {
  haltedRollout,
  pausedArgoRollout,
  progressingFlaggerCanary,
} from '../__testUtils__/sampleRollout';
import { ReleaseOverviewPage } from './ReleaseOverviewPage';

/** A rollout of the sample podinfo canary under another name, entity, cluster or status. */
function release(
  name: string,
  changes: {
    entity?: string;
    cluster?: string;
    status?: Partial<CanaryRollout['status']>;
  } = {},
): CanaryRollout {
  return {
    ...haltedRollout,
    name,
    cluster: changes.cluster ?? 'lab',
    entityRef: `component:default/${changes.entity ?? name}`,
    status: { ...haltedRollout.status, ...changes.status },
  };
}

// Rendering a Backstage page in jsdom is slow on a busy machine: the page itself answers at once.
const TIMEOUT_MS = 20_000;

const progressing = release('podinfo', {
  status: { phase: 'Progressing', canaryWeight: 40, failedChecks: 2 },
});
const failed = release('checkout', {
  cluster: 'lab-east',
  status: {
    phase: 'Failed',
    canaryWeight: 0,
    failedChecks: 3,
    reason: 'request-success-rate 91% < 99% for 3 checks: rolled back',
  },
});
const succeeded = release('cart', {
  status: { phase: 'Succeeded', canaryWeight: 0, failedChecks: 0 },
});

/**
 * A canary backend answering `GET /rollouts` with fixed rollouts, whose live stream the test
 * drives: `push` delivers an answer, `drop` reports a dropped connection.
 */
function fakeReleasesApi(answer: Partial<RolloutsResponse>) {
  const streams = new Set<{
    onData: (data: RolloutsResponse) => void;
    onError?: (error: Error) => void;
  }>();
  const response = (): RolloutsResponse => ({
    items: [],
    errors: [],
    offset: 0,
    limit: 2000,
    totalCount: answer.items?.length ?? 0,
    ...answer,
  });
  const mocks = {
    getRollouts: jest.fn(async (_query: CanaryRolloutsQuery) => response()),
    streamRollouts: jest.fn(
      (
        _query: CanaryRolloutsQuery,
        onData: (data: RolloutsResponse) => void,
        onError?: (error: Error) => void,
      ) => {
        const stream = { onData, onError };
        streams.add(stream);
        return () => {
          streams.delete(stream);
        };
      },
    ),
  };
  return {
    api: mocks as Partial<CanaryApi> as CanaryApi,
    mocks,
    push: (data: Partial<RolloutsResponse>) =>
      act(() =>
        streams.forEach(s =>
          s.onData({
            ...response(),
            totalCount: data.items?.length ?? 0,
            ...data,
          }),
        ),
      ),
    drop: (error: Error) => act(() => streams.forEach(s => s.onError?.(error))),
  };
}

const groups = ['team-podinfo', 'team-checkout'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
}));

async function renderPage(
  answer: Partial<RolloutsResponse>,
  options: { url?: string; ownershipEntityRefs?: string[] } = {},
) {
  const backend = fakeReleasesApi(answer);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [canaryApiRef, backend.api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/guest',
            ownershipEntityRefs: options.ownershipEntityRefs ?? [
              'user:default/guest',
              'group:default/team-podinfo',
            ],
          }),
        ],
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ]}
    >
      <ReleaseOverviewPage />
    </TestApiProvider>,
    {
      routeEntries: [options.url ?? '/canary'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  await screen.findByTestId(
    'release-overview-table',
    {},
    { timeout: TIMEOUT_MS },
  );
  return backend;
}

/** The rollouts of the table's body, top to bottom, as `namespace/name`. */
function shownRollouts(): string[] {
  // Plain selectors: role queries over hundreds of cells are slow in jsdom.
  const rows = screen
    .getByTestId('release-overview-table')
    .querySelectorAll('tbody tr');
  return Array.from(rows).map(
    row => row.querySelectorAll('td')[1].textContent ?? '',
  );
}

describe('ReleaseOverviewPage', () => {
  it("shows the signed-in user's teams' rollouts by default and follows their stream", async () => {
    const backend = await renderPage({ items: [progressing] });

    const teamQuery = { owners: ['group:default/team-podinfo'], limit: 2000 };
    expect(backend.mocks.getRollouts).toHaveBeenCalledWith(teamQuery);
    expect(backend.mocks.streamRollouts).toHaveBeenCalledWith(
      teamQuery,
      expect.any(Function),
      expect.any(Function),
    );
    // The owner picker shows the team, not the user: "my releases" are my teams' releases.
    expect(screen.getByRole('button', { name: 'team-podinfo' })).toBeVisible();
    expect(shownRollouts()).toEqual(['test/podinfo']);
    // Old to new image, without the registry path both share.
    expect(
      screen.getByTestId('release-row-lab-test-podinfo'),
    ).toHaveTextContent('podinfo:6.0.0 → podinfo:6.1.0');
    expect(screen.getByRole('link', { name: 'test/podinfo' })).toHaveAttribute(
      'href',
      '/catalog/default/component/podinfo/rollouts',
    );
  });

  it('asks for the rollouts a user owns directly when the user is in no group', async () => {
    const backend = await renderPage(
      { items: [] },
      { ownershipEntityRefs: ['user:default/guest'] },
    );
    expect(backend.mocks.getRollouts).toHaveBeenCalledWith({
      owners: ['user:default/guest'],
      limit: 2000,
    });
    expect(
      screen.getByText(
        'These owners have no Canary yet: pick other owners, or all owners.',
      ),
    ).toBeVisible();
    expect(shownRollouts()).toEqual([]);
  });

  it('asks for every owner when the link says owner=all, and for the picked owner after a pick', async () => {
    const backend = await renderPage(
      { items: [progressing, failed] },
      { url: '/canary?owner=all' },
    );
    expect(backend.mocks.getRollouts).toHaveBeenLastCalledWith({
      owners: [],
      limit: 2000,
    });
    expect(screen.getByRole('button', { name: 'All owners' })).toBeVisible();

    await userEvent.click(screen.getByLabelText('Owner'));
    await userEvent.click(
      await screen.findByRole(
        'option',
        { name: 'team-checkout' },
        { timeout: TIMEOUT_MS },
      ),
    );

    await waitFor(
      () =>
        expect(backend.mocks.getRollouts).toHaveBeenLastCalledWith({
          owners: ['group:default/team-checkout'],
          limit: 2000,
        }),
      { timeout: TIMEOUT_MS },
    );
  });

  it('counts the rollouts by phase and shows why a failed one failed', async () => {
    await renderPage({
      items: [progressing, failed, succeeded, release('search')],
    });

    expect(screen.getByTestId('phase-count-Progressing')).toHaveTextContent(
      /^2Progressing$/,
    );
    expect(screen.getByTestId('phase-count-Failed')).toHaveTextContent(
      /^1Failed$/,
    );
    expect(screen.getByTestId('phase-count-Succeeded')).toHaveTextContent(
      /^1Succeeded$/,
    );
    // Phases no rollout is in are left out, except the headline ones (nothing failing is news).
    expect(screen.queryByTestId('phase-count-Terminated')).toBeNull();
    expect(
      screen.getByTestId('phase-count-WaitingPromotion'),
    ).toHaveTextContent(/^0/);
    expect(
      screen.getByText(
        'request-success-rate 91% < 99% for 3 checks: rolled back',
      ),
    ).toBeVisible();
  });

  it('lists Vane, Argo Rollouts and Flagger rollouts side by side, each with its controller, and counts and filters Argo phases', async () => {
    await renderPage({
      items: [progressing, pausedArgoRollout, progressingFlaggerCanary],
    });
    const controllerOf = (testId: string) =>
      within(screen.getByTestId(testId)).getByTestId('release-controller');
    expect(controllerOf('release-row-lab-test-podinfo')).toHaveTextContent(
      'Vane',
    );
    expect(
      controllerOf('release-row-lab-test-ratings-argo-rollouts'),
    ).toHaveTextContent('Argo Rollouts');
    expect(
      controllerOf('release-row-lab-test-search-flagger'),
    ).toHaveTextContent('Flagger');
    const argo = screen.getByTestId(
      'release-row-lab-test-ratings-argo-rollouts',
    );
    // Its actual weight and step; no failed checks, which Argo does not count.
    expect(argo).toHaveTextContent('25%step 2 of 4');
    expect(argo).toHaveTextContent('—');
    expect(screen.getByTestId('phase-count-Paused')).toHaveTextContent(
      /^1Paused$/,
    );
    await userEvent.click(screen.getByTestId('phase-count-Paused'));
    expect(shownRollouts()).toEqual(['test/ratings']);
  });

  it('filters by phase from a count or the Phase filter, and by cluster', async () => {
    await renderPage({ items: [progressing, failed, succeeded] });
    expect(shownRollouts()).toHaveLength(3);

    await userEvent.click(screen.getByTestId('phase-count-Failed'));
    expect(shownRollouts()).toEqual(['test/checkout']);
    expect(screen.getByLabelText('Phase')).toHaveValue('Failed');
    // The other phases still count: the phase filter narrows the table, not the counts.
    expect(screen.getByTestId('phase-count-Progressing')).toHaveTextContent(
      /^1/,
    );

    await userEvent.click(screen.getByTestId('phase-count-Failed'));
    expect(shownRollouts()).toHaveLength(3);

    await userEvent.selectOptions(screen.getByLabelText('Phase'), 'Succeeded');
    expect(shownRollouts()).toEqual(['test/cart']);

    await userEvent.selectOptions(screen.getByLabelText('Phase'), '');
    await userEvent.selectOptions(screen.getByLabelText('Cluster'), 'lab-east');
    expect(shownRollouts()).toEqual(['test/checkout']);
    expect(screen.getByTestId('phase-count-Progressing')).toHaveTextContent(
      /^0/,
    );
  });

  it('sorts by a column, and the other way on a second click', async () => {
    await renderPage({ items: [progressing, failed, succeeded] });
    expect(shownRollouts()).toEqual([
      'test/cart',
      'test/checkout',
      'test/podinfo',
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Failed checks' }),
    );
    expect(shownRollouts()).toEqual([
      'test/cart',
      'test/podinfo',
      'test/checkout',
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Failed checks' }),
    );
    expect(shownRollouts()).toEqual([
      'test/checkout',
      'test/podinfo',
      'test/cart',
    ]);
  });

  it('changes a row when the stream says its rollout moved on', async () => {
    const backend = await renderPage({ items: [progressing, succeeded] });
    const row = screen.getByTestId('release-row-lab-test-podinfo');
    expect(row).toHaveTextContent('40%');
    expect(row).toHaveTextContent('step 2 of 4');

    backend.push({
      items: [
        release('podinfo', {
          status: { phase: 'Progressing', canaryWeight: 60, failedChecks: 0 },
        }),
        succeeded,
      ],
    });

    await waitFor(() =>
      expect(
        screen.getByTestId('release-row-lab-test-podinfo'),
      ).toHaveTextContent('step 3 of 4'),
    );
    expect(
      screen.getByTestId('release-row-lab-test-podinfo'),
    ).toHaveTextContent('60%');
    expect(screen.getByTestId('live-indicator')).toHaveTextContent('Live');
  });

  it('says when the live stream dropped, and keeps the rollouts it has', async () => {
    const backend = await renderPage({ items: [progressing] });

    backend.drop(new Error('The live stream ended'));

    expect(screen.getByTestId('live-indicator')).toHaveTextContent(
      'Disconnected, reconnecting',
    );
    expect(shownRollouts()).toEqual(['test/podinfo']);
  });

  it('shows the clusters it could not read above the rollouts of the others', async () => {
    await renderPage({
      items: [progressing],
      errors: [
        {
          cluster: 'lab-west',
          message: 'connect ECONNREFUSED 127.0.0.1:6444',
        },
      ],
    });

    const panel = screen.getByTestId('cluster-errors');
    expect(panel).toHaveTextContent(
      'Cluster lab-west: connect ECONNREFUSED 127.0.0.1:6444',
    );
    expect(shownRollouts()).toEqual(['test/podinfo']);
    // The unreachable cluster can still be picked, to see that it has no rollouts.
    expect(
      within(screen.getByLabelText('Cluster')).getByRole('option', {
        name: 'lab-west',
      }),
    ).toBeInTheDocument();
  });

  it('shows fifty rollouts a page out of a thousand', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      release(`svc-${String(i).padStart(4, '0')}`),
    );
    await renderPage({ items: many });

    expect(shownRollouts()).toHaveLength(50);
    expect(shownRollouts()[0]).toBe('test/svc-0000');
    expect(screen.getByText('1-50 of 1000')).toBeVisible();

    await userEvent.click(screen.getByTitle('Next page'));
    expect(shownRollouts()[0]).toBe('test/svc-0050');
  });
});
