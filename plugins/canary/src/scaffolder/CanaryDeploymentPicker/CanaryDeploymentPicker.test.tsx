import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EntityWorkloadsResponse } from '@vane/plugin-canary-common';
import { CanaryDeploymentPicker } from './CanaryDeploymentPicker';
import { validateDeploymentChoice } from './validateDeploymentChoice';

const WORKLOADS: EntityWorkloadsResponse = {
  entityRef: 'component:default/reviews',
  items: [
    {
      cluster: 'lab',
      namespace: 'test',
      name: 'reviews',
      ports: [9898],
      defaultProvider: 'istio',
    },
    {
      cluster: 'lab',
      namespace: 'test',
      name: 'reviews-v1',
      ports: [8080],
      canary: 'test/reviews-v1',
      defaultProvider: 'istio',
    },
  ],
  errors: [],
};

function renderPicker(options: {
  entity?: string;
  response?: Response;
  onChange?: jest.Mock;
}) {
  const fetch = jest.fn(
    async () =>
      options.response ??
      new Response(JSON.stringify(WORKLOADS), {
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const props: any = {
    onChange: options.onChange ?? jest.fn(),
    formData: undefined,
    formContext: { formData: { entity: options.entity } },
    uiSchema: { 'ui:options': { entityRefField: 'entity' } },
    rawErrors: [],
    required: true,
    schema: { title: 'Deployment' },
    idSchema: { $id: 'root_workload' },
  };
  return {
    fetch,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [
            discoveryApiRef,
            { getBaseUrl: async () => 'http://backend/api/canary' },
          ],
          [fetchApiRef, { fetch }],
        ]}
      >
        <CanaryDeploymentPicker {...props} />
      </TestApiProvider>,
    ),
  };
}

describe('CanaryDeploymentPicker', () => {
  it("lists the chosen service's Deployments from the canary backend and returns the one picked with its port and provider", async () => {
    const onChange = jest.fn();
    const { fetch, rendered } = renderPicker({
      entity: 'component:default/reviews',
      onChange,
    });
    await rendered;
    const select = await screen.findByRole('combobox', { name: /Deployment/ });
    await screen.findByText('test/reviews in cluster lab (mesh: istio)');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/canary/entities/component/default/reviews/workloads',
    );
    expect(
      screen.getByText(
        'test/reviews-v1 in cluster lab (mesh: istio), released by Canary test/reviews-v1',
      ),
    ).toBeInTheDocument();

    await userEvent.selectOptions(select, 'lab/test/reviews');
    expect(onChange).toHaveBeenLastCalledWith({
      cluster: 'lab',
      namespace: 'test',
      name: 'reviews',
      port: 9898,
      defaultProvider: 'istio',
    });
  });

  it('asks for the service first', async () => {
    const { fetch, rendered } = renderPicker({});
    await rendered;
    expect(
      screen.getByText('Choose the service first (field entity)'),
    ).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows the canary backend's error", async () => {
    const { rendered } = renderPicker({
      entity: 'component:default/reviews',
      response: new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'You may not read' },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    });
    await rendered;
    await waitFor(() =>
      expect(
        screen.getByText(
          /^Could not list the Deployments of component:default\/reviews: .*You may not read/,
        ),
      ).toBeInTheDocument(),
    );
  });
});

describe('validateDeploymentChoice', () => {
  it('wants a port to route', () => {
    const addError = jest.fn();
    validateDeploymentChoice(
      { cluster: 'lab', namespace: 'test', name: 'reviews' },
      { addError },
    );
    expect(addError).toHaveBeenCalledWith(
      'Deployment test/reviews declares no container port: add one (ports[].containerPort) so the Canary knows which port to route',
    );
  });

  it('accepts a Deployment with a port', () => {
    const addError = jest.fn();
    validateDeploymentChoice(
      { cluster: 'lab', namespace: 'test', name: 'reviews', port: 9898 },
      { addError },
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
