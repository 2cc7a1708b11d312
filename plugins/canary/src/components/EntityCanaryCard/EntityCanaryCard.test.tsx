import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  CanaryRollout,
  EntityRolloutsResponse,
} from '@vane/plugin-canary-common';
import { screen } from '@testing-library/react';
import { CanaryApi, canaryApiRef } from '../../api/CanaryApi';
import { EntityCanaryCard } from './EntityCanaryCard';

/** A canary backend that answers with fixed rollouts (the backend itself is tested on its own). */
function canaryApiAnswering(items: CanaryRollout[]): CanaryApi {
  return {
    getEntityRollouts: async (entityRef): Promise<EntityRolloutsResponse> => ({
      entityRef,
      items,
      errors: [],
    }),
    act: async (_entityRef, rollout, action) => ({
      action,
      canary: `${rollout.cluster}/${rollout.namespace}/${rollout.name}`,
      message: 'ok',
    }),
  } as Partial<CanaryApi> as CanaryApi;
}

const halted: CanaryRollout = {
  cluster: 'lab',
  namespace: 'test',
  name: 'podinfo',
  entityRef: 'component:default/podinfo',
  provider: 'istio',
  spec: {
    valid: true,
    strategy: 'canary',
    threshold: 3,
    steps: [20, 40, 60, 80],
    metrics: [],
    skipAnalysis: false,
    suspend: false,
  },
  status: {
    phase: 'Progressing',
    canaryWeight: 40,
    failedChecks: 2,
    iterations: 0,
    reason: 'request-success-rate 97% < 99%',
    conditions: [],
    metrics: [],
  },
  images: {
    primary: [
      { container: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
    ],
    canary: [
      { container: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
    ],
  },
  events: [],
};

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'podinfo', annotations },
    spec: { type: 'service', owner: 'team-podinfo', lifecycle: 'production' },
  };
}

async function renderCard(entity: Entity, items: CanaryRollout[] = []) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [canaryApiRef, canaryApiAnswering(items)],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityCanaryCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityCanaryCard', () => {
  it('offers the self-service template when the entity has no rollouts', async () => {
    await renderCard(component({}));
    expect(screen.getByText('No progressive delivery yet')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Enable progressive delivery' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/enable-progressive-delivery',
    );
  });

  it('lists the Canaries named by vane.dev/canary', async () => {
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

  it('shows a halted rollout: phase, weights with the step, failed checks with the reason, images, and the actions for an owner', async () => {
    await renderCard(component({ 'vane.dev/canary': 'test/podinfo' }), [
      halted,
    ]);
    const row = await screen.findByRole('group', {
      name: 'Rollout test/podinfo',
    });
    expect(row).toHaveTextContent('Progressing');
    expect(row).toHaveTextContent('primary 60% / canary 40% · step 2 of 4');
    expect(row).toHaveTextContent('Failed checks: 2 of 3');
    expect(row).toHaveTextContent('request-success-rate 97% < 99%');
    expect(row).toHaveTextContent(
      'Images: ghcr.io/stefanprodan/podinfo:6.0.0 → ghcr.io/stefanprodan/podinfo:6.1.0',
    );
    for (const action of ['pause', 'promote', 'abort']) {
      expect(screen.getByRole('button', { name: action })).toBeEnabled();
    }
    expect(screen.queryByRole('button', { name: 'retry' })).toBeNull();
  });
});
