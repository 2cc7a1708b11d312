import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  EntityHealthResponse,
  MeshHealthStatus,
  WorkloadHealth,
} from '@vane/plugin-canary-common';
import { canaryApiRef } from '../../api/CanaryApi';
import { fakeCanaryApi } from '../__testUtils__/fakeCanaryApi';
import { haltedRollout, rolloutWith } from '../__testUtils__/sampleRollout';
import { EntityMeshHealthCard } from './EntityMeshHealthCard';

const podinfo: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'podinfo',
    annotations: { 'vane.dev/canary': 'test/podinfo' },
  },
};

const series = (values: number[]): Array<[number, number]> =>
  values.map((value, index) => [1_767_268_800 + index * 30, value]);

function workload(
  role: WorkloadHealth['role'],
  overrides: Partial<WorkloadHealth> = {},
): WorkloadHealth {
  return {
    cluster: 'lab',
    namespace: 'test',
    workload: role === 'primary' ? 'podinfo-primary' : 'podinfo',
    role,
    canary: 'test/podinfo',
    status: 'healthy',
    reason: '5xx 0.0%',
    requestsPerSecond: 12.5,
    successRate: 100,
    errorRate5xx: 0,
    errorRate4xx: 0,
    latency: { p50: 12, p90: 30, p99: 48 },
    series: {
      requestsPerSecond: series([12, 12.4, 12.5]),
      successRate: series([100, 100, 100]),
      p50: series([11, 12, 12]),
      p99: series([40, 52, 48]),
    },
    ...overrides,
  };
}

function health(
  status: MeshHealthStatus,
  items: WorkloadHealth[],
): Omit<EntityHealthResponse, 'entityRef'> {
  return {
    window: '5m',
    status,
    thresholds: {
      degraded5xx: 0,
      failing5xx: 10,
      degraded4xx: 10,
      failing4xx: 20,
    },
    items,
    errors: [],
  };
}

async function renderCard(answer: Omit<EntityHealthResponse, 'entityRef'>) {
  const backend = fakeCanaryApi({ health: answer });
  await renderInTestApp(
    <TestApiProvider apis={[[canaryApiRef, backend.api]]}>
      <EntityProvider entity={podinfo}>
        <EntityMeshHealthCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return backend;
}

describe('EntityMeshHealthCard', () => {
  it('shows the primary and the canary apart during a rollout, with rate, success, latency and their trends', async () => {
    await renderCard(
      health('failing', [
        workload('primary'),
        workload('canary', {
          status: 'failing',
          reason: '5xx 12.0% >= 10%',
          successRate: 88,
          latency: { p50: 20, p99: 250 },
        }),
      ]),
    );
    expect(screen.getByText('Mesh health')).toBeInTheDocument();
    expect(await screen.findByTestId('mesh-health-status')).toHaveTextContent(
      'failing',
    );
    const canary = screen.getByTestId('workload-health-lab-test-podinfo');
    expect(canary).toHaveTextContent('canary · lab/test');
    expect(canary).toHaveTextContent('5xx 12.0% >= 10%');
    expect(canary).toHaveTextContent('12.50 rps');
    expect(canary).toHaveTextContent('88.00%');
    expect(canary).toHaveTextContent('20 ms');
    expect(canary).toHaveTextContent('250 ms');
    expect(
      within(canary).getByRole('img', { name: 'p99 latency trend' }),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('workload-health-lab-test-podinfo-primary'),
    ).toHaveTextContent('primary · lab/test');
  });

  it("lists each workload's callers busiest first, the ingress gateway marked as the entry point, and how many were left out", async () => {
    await renderCard(
      health('healthy', [
        workload('primary', {
          callers: {
            status: 'measured',
            telemetry: 'istio',
            items: [
              {
                workload: 'istio-ingressgateway',
                namespace: 'istio-system',
                kind: 'gateway',
                requestsPerSecond: 19.5,
                successRate: 99.5,
                latency: { p99: 48 },
              },
              {
                workload: 'mesh-lab-load',
                namespace: 'test',
                kind: 'workload',
                requestsPerSecond: 4.25,
                successRate: 100,
                latency: {},
              },
              {
                workload: 'unknown',
                namespace: 'unknown',
                kind: 'unknown',
                requestsPerSecond: 0.5,
                successRate: 100,
                latency: { p99: 3 },
              },
            ],
            limit: 3,
            leftOut: 2,
          },
        }),
      ]),
    );
    const primary = await screen.findByTestId(
      'workload-health-lab-test-podinfo-primary',
    );
    const table = within(primary).getByRole('table', {
      name: 'Callers of podinfo-primary',
    });
    expect(
      within(primary).getByText('Callers (istio telemetry)'),
    ).toBeVisible();
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => row.textContent);
    expect(rows).toEqual([
      'istio-ingressgatewayentry pointistio-system19.50 rps99.50%48 ms',
      'mesh-lab-loadtest4.25 rps100.00%—',
      'unknown(outside the mesh)unknown0.50 rps100.00%3 ms',
    ]);
    // Only the gateway carries the mark.
    expect(within(table).getAllByText('entry point')).toHaveLength(1);
    expect(
      within(
        screen.getByTestId('caller-istio-system-istio-ingressgateway'),
      ).getByText('entry point'),
    ).toBeVisible();
    expect(primary).toHaveTextContent(
      'and 2 more callers, not listed (the 3 busiest are)',
    );
  });

  it('says why a workload has no caller to list: no traffic, or a mesh that cannot name them', async () => {
    await renderCard(
      health('healthy', [
        workload('primary', {
          callers: {
            status: 'unavailable',
            items: [],
            limit: 10,
            leftOut: 0,
            reason:
              "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload (at most the client's TLS identity)",
          },
        }),
        workload('canary', {
          status: 'no-traffic',
          reason: 'no requests in 5m',
          callers: {
            status: 'measured',
            telemetry: 'istio',
            items: [],
            limit: 10,
            leftOut: 0,
            reason: 'no requests in 5m, so no callers',
          },
        }),
      ]),
    );
    const primary = await screen.findByTestId(
      'workload-health-lab-test-podinfo-primary',
    );
    expect(primary).toHaveTextContent(
      "callers not available for Linkerd: linkerd-proxy's inbound metrics name no calling workload",
    );
    expect(within(primary).queryByRole('table')).not.toBeInTheDocument();
    const canary = screen.getByTestId('workload-health-lab-test-podinfo');
    expect(canary).toHaveTextContent('no requests in 5m, so no callers');
    expect(within(canary).queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows no callers section for an answer without callers (a backend older than the field)', async () => {
    await renderCard(health('healthy', [workload('workload')]));
    const item = await screen.findByTestId('workload-health-lab-test-podinfo');
    expect(item).toHaveTextContent('12.50 rps');
    expect(within(item).queryByText(/^Callers/)).not.toBeInTheDocument();
  });

  it.each([
    ['healthy', 'healthy'],
    ['degraded', 'degraded'],
    ['no-traffic', 'no traffic'],
    ['unknown', 'unknown'],
  ] as const)('a %s entity reads "%s"', async (status, text) => {
    await renderCard(
      health(status, [workload('workload', { status, reason: 'why' })]),
    );
    await waitFor(() =>
      expect(screen.getByTestId('mesh-health-status')).toHaveTextContent(
        new RegExp(`^${text}$`),
      ),
    );
  });

  it('asks again over the window the user picks, and when a rollout of the entity changes', async () => {
    const backend = await renderCard(health('healthy', [workload('workload')]));
    await screen.findByTestId('workload-health-lab-test-podinfo');
    expect(backend.mocks.getEntityHealth).toHaveBeenLastCalledWith(
      'component:default/podinfo',
      { window: '5m' },
    );

    await userEvent.click(screen.getByRole('button', { name: 'Window 5m' }));
    await userEvent.click(await screen.findByRole('option', { name: '1h' }));
    await waitFor(() =>
      expect(backend.mocks.getEntityHealth).toHaveBeenLastCalledWith(
        'component:default/podinfo',
        { window: '1h' },
      ),
    );

    const calls = backend.mocks.getEntityHealth.mock.calls.length;
    act(() =>
      backend.push({
        entityRef: 'component:default/podinfo',
        items: [haltedRollout],
        errors: [],
      }),
    );
    act(() =>
      backend.push({
        entityRef: 'component:default/podinfo',
        items: [rolloutWith({ canaryWeight: 60 })],
        errors: [],
      }),
    );
    await waitFor(() =>
      expect(backend.mocks.getEntityHealth.mock.calls.length).toBeGreaterThan(
        calls + 1,
      ),
    );
  });

  it('keeps the last answer on screen, marked, when a refresh fails', async () => {
    const backend = await renderCard(health('healthy', [workload('workload')]));
    await screen.findByTestId('workload-health-lab-test-podinfo');
    backend.mocks.getEntityHealth.mockRejectedValueOnce(
      new Error('Prometheus lab is unreachable'),
    );
    act(() =>
      backend.push({
        entityRef: 'component:default/podinfo',
        items: [haltedRollout],
        errors: [],
      }),
    );
    expect(
      await screen.findByText(
        'Refresh failed (Prometheus lab is unreachable); showing the last answer.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('workload-health-lab-test-podinfo'),
    ).toHaveTextContent('12.50 rps');
    expect(screen.getByTestId('mesh-health-status')).toHaveTextContent(
      'healthy',
    );
  });
});
