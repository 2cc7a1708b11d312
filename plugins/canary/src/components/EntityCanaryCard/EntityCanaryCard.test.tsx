import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EntityCanaryCard } from './EntityCanaryCard';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'podinfo', annotations },
    spec: { type: 'service', owner: 'team-podinfo', lifecycle: 'production' },
  };
}

async function renderCard(entity: Entity) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityCanaryCard />
    </EntityProvider>,
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
    const list = screen.getByRole('list', { name: 'Linked canaries' });
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
      screen.getByText(
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
});
