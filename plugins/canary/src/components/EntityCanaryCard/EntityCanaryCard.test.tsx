import { Entity } from '@backstage/catalog-model';
import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CanaryRollout } from '@vane/plugin-canary-common';
import { canaryApiRef } from '../../api/CanaryApi';
import { fakeCanaryApi } from '../__testUtils__/fakeCanaryApi';
import {
  haltedRollout,
  pausedArgoRollout,
  progressingFlaggerCanary,
  rolloutWith,
} from '../__testUtils__/sampleRollout';
import { EntityCanaryCard } from './EntityCanaryCard';

function component(
  annotations: Record<string, string>,
  name = 'podinfo',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', owner: 'team-podinfo', lifecycle: 'production' },
  };
}

const linked = component({ 'vane.dev/canary': 'test/podinfo' });

async function renderCard(
  entity: Entity,
  options: {
    items?: CanaryRollout[];
    errors?: Array<{ cluster?: string; message: string }>;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const backend = fakeCanaryApi({
    rollouts: { items: options.items ?? [], errors: options.errors ?? [] },
  });
  const alerts = { post: jest.fn(), alert$: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [canaryApiRef, backend.api],
        [alertApiRef, alerts as Partial<AlertApi> as AlertApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.permission ?? AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityCanaryCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  return { backend, alerts };
}

const row = (name = 'podinfo') =>
  screen.findByTestId(`rollout-row-lab-test-${name}`);

describe('EntityCanaryCard', () => {
  it('offers the self-service template when the entity has no rollouts', async () => {
    const { backend } = await renderCard(component({}));
    expect(screen.getByText('No progressive delivery yet')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Enable progressive delivery' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/enable-progressive-delivery',
    );
    // Nothing to follow: no stream is opened for an entity without Canaries.
    expect(backend.mocks.streamEntityRollouts).not.toHaveBeenCalled();
  });

  it('lists the Canaries named by vane.dev/canary while none reports', async () => {
    await renderCard(
      component({ 'vane.dev/canary': 'test/podinfo, test/podinfo-grpc' }),
    );
    const list = await screen.findByRole('list', { name: 'Linked canaries' });
    expect(list).toHaveTextContent('test/podinfo');
    expect(list).toHaveTextContent('test/podinfo-grpc');
  });

  it("falls back to the entity's Kubernetes workloads", async () => {
    await renderCard(
      component({
        'backstage.io/kubernetes-id': 'checkout',
        'backstage.io/kubernetes-namespace': 'shop',
      }),
    );
    expect(
      await screen.findByText(
        'Deployments matching backstage.io/kubernetes-id=checkout in shop',
      ),
    ).toBeInTheDocument();
  });

  it('explains an invalid annotation instead of showing nothing', async () => {
    await renderCard(component({ 'vane.dev/canary': 'podinfo' }));
    expect(
      screen.getByText("This entity's rollout annotation is invalid", {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'vane.dev/canary: "podinfo" must have the form <namespace>/<name>',
        { exact: false },
      ),
    ).toBeInTheDocument();
  });

  it('shows a halted rollout: phase, weight bar, step, time in phase, failed checks with the reason, images, and the actions for an owner', async () => {
    await renderCard(linked, { items: [haltedRollout] });
    const halted = await row();
    expect(within(halted).getByText('Progressing')).toBeInTheDocument();
    const bar = within(halted).getByRole('progressbar', {
      name: 'canary weight',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(halted).toHaveTextContent('primary 60% / canary 40% · step 2 of 4');
    expect(halted).toHaveTextContent(/Progressing for \d+[dhms]/);
    expect(halted).toHaveTextContent('Failed checks: 2 of 3');
    expect(halted).toHaveTextContent('request-success-rate 97% < 99%');
    expect(halted).toHaveTextContent(
      'Images: ghcr.io/stefanprodan/podinfo:6.0.0 → ghcr.io/stefanprodan/podinfo:6.1.0',
    );
    for (const action of ['Pause', 'Promote', 'Abort']) {
      expect(
        within(halted).getByRole('button', { name: action }),
      ).toBeEnabled();
    }
    for (const action of ['Resume', 'Retry', 'Approve']) {
      expect(within(halted).queryByRole('button', { name: action })).toBeNull();
    }
  });

  it('shows an Argo Rollout paused at a step: its controller, set and actual weight, step, pause, analysis, stable and canary images, and promotes it with its controller named', async () => {
    const { backend } = await renderCard(
      component({ 'backstage.io/kubernetes-id': 'ratings' }, 'ratings'),
      { items: [pausedArgoRollout] },
    );
    const paused = await screen.findByTestId(
      'rollout-row-lab-test-ratings-argo-rollouts',
    );
    expect(within(paused).getByTestId('rollout-controller')).toHaveTextContent(
      'Argo Rollouts',
    );
    expect(within(paused).getByText('Paused')).toBeInTheDocument();
    expect(paused).toHaveTextContent(
      'set weight 20% / actual weight 25% · step 2 of 4',
    );
    expect(
      within(paused).getByRole('progressbar', { name: 'canary weight' }),
    ).toHaveAttribute('aria-valuenow', '25');
    expect(paused).toHaveTextContent('CanaryPauseStep');
    // Argo counts no failed checks; its AnalysisRun says how the analysis goes.
    expect(paused).not.toHaveTextContent('Failed checks');
    expect(within(paused).getByTestId('argo-analysis-run')).toHaveTextContent(
      'Analysis ratings-b2-2: Running (success-rate 2/2 successful, last [0.99])',
    );
    expect(paused).toHaveTextContent(
      'Images (stable → canary): ghcr.io/stefanprodan/podinfo:6.0.0 → ghcr.io/stefanprodan/podinfo:6.1.0',
    );
    expect(
      within(paused)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Promote', 'Promote full', 'Pause', 'Abort', 'Restart']);

    await userEvent.click(
      within(paused).getByRole('button', { name: 'Promote' }),
    );
    await waitFor(() =>
      expect(backend.mocks.act).toHaveBeenCalledWith(
        'component:default/ratings',
        expect.objectContaining({
          cluster: 'lab',
          namespace: 'test',
          name: 'ratings',
          controller: 'argo-rollouts',
        }),
        'promote',
      ),
    );
  });

  it("shows a Flagger Canary with Flagger's state, offers Pause only, and says why there is no Promote", async () => {
    await renderCard(
      component({ 'vane.dev/rollout': 'test/search' }, 'search'),
      { items: [progressingFlaggerCanary] },
    );
    const flagger = await screen.findByTestId(
      'rollout-row-lab-test-search-flagger',
    );
    expect(within(flagger).getByTestId('rollout-controller')).toHaveTextContent(
      'Flagger',
    );
    expect(flagger).toHaveTextContent('primary 70% / canary 30% · step 3 of 5');
    expect(flagger).toHaveTextContent('Failed checks: 1 of 5');
    expect(flagger).toHaveTextContent(
      'New revision detected, progressing canary analysis.',
    );
    expect(
      within(flagger)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Pause']);
    const note = within(flagger).getByTestId('flagger-gates-note');
    expect(note).toHaveTextContent(
      "Promote, abort, retry: through Flagger's gates",
    );
    await userEvent.hover(note);
    expect(
      await screen.findByText(
        /Flagger has no API to promote, abort or retry a Canary/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /https:\/\/docs\.flagger\.app\/usage\/webhooks#manual-gating/,
      }),
    ).toBeInTheDocument();
  });

  it("shows an invalid Canary's Valid=False condition once, in the engine's words: a field its mesh refuses", async () => {
    const message =
      'Canary test/podinfo: analysis.match is not supported by provider smi: a TrafficSplit splits by weight only, it cannot send matching requests to the canary (A/B testing); use provider istio or gatewayapi';
    await renderCard(linked, {
      items: [
        rolloutWith({
          phase: undefined,
          canaryWeight: 0,
          failedChecks: 0,
          reason: message,
          conditions: [
            {
              type: 'Valid',
              status: 'False',
              reason: 'InvalidSpec',
              message,
            },
          ],
        }),
      ],
    });
    const invalid = await row();
    expect(within(invalid).getByRole('alert')).toHaveTextContent(
      `Not valid, the engine does not act on it: ${message}`,
    );
    expect(
      within(invalid).getAllByText(message, { exact: false }),
    ).toHaveLength(1);
  });

  it('shows the rules an invalid spec breaks before the engine has reported them', async () => {
    await renderCard(linked, {
      items: [
        rolloutWith(
          {
            phase: undefined,
            canaryWeight: 0,
            reason: undefined,
            conditions: [],
          },
          {
            valid: false,
            errors: ['analysis.interval must be at least 1s (got "0s")'],
            steps: [],
          },
        ),
      ],
    });
    expect(await row()).toHaveTextContent(
      'Invalid Canary spec: analysis.interval must be at least 1s (got "0s")',
    );
  });

  it('offers only Retry for a failed rollout, and only Resume in place of Pause once paused', async () => {
    await renderCard(linked, {
      items: [
        rolloutWith({ phase: 'Failed', canaryWeight: 0 }),
        {
          ...rolloutWith({ pausedBy: 'user:default/ana' }),
          name: 'podinfo-grpc',
        },
      ],
    });
    const failed = await row();
    expect(
      within(failed)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Retry']);
    const paused = await row('podinfo-grpc');
    expect(paused).toHaveTextContent('Paused by user:default/ana');
    expect(within(paused).getAllByText(/Paused by/)).toHaveLength(1);
    expect(
      within(paused)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual(['Resume', 'Promote', 'Abort']);
  });

  it('shows a gate Vane serves with Approve, and sends the approval with its answer', async () => {
    const { backend, alerts } = await renderCard(linked, {
      items: [
        rolloutWith({
          phase: 'WaitingPromotion',
          canaryWeight: 80,
          failedChecks: 0,
          reason: undefined,
          pendingGate: {
            type: 'confirm-promotion',
            name: 'release-approval',
            approvableInPortal: true,
          },
        }),
      ],
    });
    const waiting = await row();
    expect(waiting).toHaveTextContent('Waiting for approval: release-approval');
    await userEvent.click(
      within(waiting).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: 'approve accepted',
          severity: 'success',
        }),
      ),
    );
    expect(backend.mocks.act).toHaveBeenCalledWith(
      'component:default/podinfo',
      expect.objectContaining({
        cluster: 'lab',
        namespace: 'test',
        name: 'podinfo',
      }),
      'approve',
    );
  });

  it("names the gate once when the engine's reason already does", async () => {
    await renderCard(linked, {
      items: [
        rolloutWith({
          phase: 'WaitingPromotion',
          reason:
            'Waiting for approval: confirm-promotion webhook release-approval has not passed',
          pendingGate: {
            type: 'confirm-promotion',
            name: 'release-approval',
            approvableInPortal: true,
          },
        }),
      ],
    });
    const waiting = await row();
    expect(
      within(waiting)
        .getAllByText(/Waiting for approval/)
        .map(e => e.textContent),
    ).toEqual([
      'Waiting for approval: confirm-promotion webhook release-approval has not passed',
    ]);
    expect(
      within(waiting).getByRole('button', { name: 'Approve' }),
    ).toBeEnabled();
  });

  it("says why the backend refused an action, in the backend's words", async () => {
    const { backend, alerts } = await renderCard(linked, {
      items: [haltedRollout],
    });
    // The backend's 409, read by ResponseError exactly as the CanaryClient reads it.
    const conflict = {
      status: 409,
      statusText: 'Conflict',
      headers: new Map([['content-type', 'application/json']]),
      text: async () =>
        JSON.stringify({
          error: {
            name: 'ConflictError',
            message:
              'Only a rollout under way can be promoted; this one is Succeeded',
          },
          response: { statusCode: 409 },
        }),
    } as unknown as Response;
    backend.mocks.act.mockRejectedValueOnce(
      await ResponseError.fromResponse(conflict),
    );
    await userEvent.click(
      within(await row()).getByRole('button', { name: 'Promote' }),
    );
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith({
        message:
          'Could not promote test/podinfo: Only a rollout under way can be promoted; this one is Succeeded (409)',
        severity: 'error',
      }),
    );
  });

  it('says so when the action was applied but could not be recorded', async () => {
    const { backend, alerts } = await renderCard(linked, {
      items: [haltedRollout],
    });
    const warning =
      'Promotion requested by user:default/guest, but the rollout history could not be written: database is locked';
    backend.mocks.act.mockResolvedValueOnce({
      action: 'promote',
      canary: 'lab/test/podinfo',
      message: 'Promotion requested by user:default/guest',
      warnings: [warning],
    });
    await userEvent.click(
      within(await row()).getByRole('button', { name: 'Promote' }),
    );
    await waitFor(() =>
      expect(alerts.post).toHaveBeenCalledWith({
        message: warning,
        severity: 'warning',
      }),
    );
    expect(alerts.post).toHaveBeenCalledWith({
      message: 'Promotion requested by user:default/guest',
      severity: 'success',
      display: 'transient',
    });
  });

  it('shows the actions disabled, with the reason, to a user who does not own the entity', async () => {
    // usePermission caches answers by request (SWR) for the whole test file: a different entity
    // keeps the ALLOW answers of the tests above from standing in for this DENY.
    await renderCard(
      component({ 'vane.dev/canary': 'test/podinfo' }, 'podinfo-not-mine'),
      { items: [haltedRollout], permission: AuthorizeResult.DENY },
    );
    const halted = await row();
    const buttons = within(halted).getAllByRole('button');
    expect(buttons.map(b => b.textContent)).toEqual([
      'Pause',
      'Promote',
      'Abort',
    ]);
    buttons.forEach(button => expect(button).toBeDisabled());
    await userEvent.hover(buttons[0].parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Only owners of podinfo-not-mine may act on its rollouts',
    );
  });

  it('shows an unreachable cluster as an error panel beside the rollouts of the other clusters', async () => {
    await renderCard(linked, {
      items: [haltedRollout],
      errors: [
        { cluster: 'edge', message: 'connect ECONNREFUSED 127.0.0.1:6444' },
      ],
    });
    expect(await row()).toBeInTheDocument();
    expect(
      screen.getByText('Cluster edge is unreachable', { exact: false }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('connect ECONNREFUSED 127.0.0.1:6444', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('follows the live stream: a step the engine takes shows without a refresh', async () => {
    const { backend } = await renderCard(linked, { items: [haltedRollout] });
    const bar = within(await row()).getByRole('progressbar', {
      name: 'canary weight',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    act(() =>
      backend.push({
        entityRef: 'component:default/podinfo',
        items: [rolloutWith({ canaryWeight: 60, failedChecks: 0 })],
        errors: [],
      }),
    );
    expect(bar).toHaveAttribute('aria-valuenow', '60');
    expect(await row()).toHaveTextContent('step 3 of 4');
    expect(backend.mocks.getEntityRollouts).toHaveBeenCalledTimes(1);
  });
});
