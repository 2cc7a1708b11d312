import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { EntityWorkloadsResponse } from '@vane/plugin-canary-common';

/** The entity's Deployments per cluster, from the canary backend (never from a cluster directly). */
export async function fetchEntityWorkloads(
  apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  entityRef: string,
): Promise<EntityWorkloadsResponse> {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'component',
    defaultNamespace: 'default',
  });
  const baseUrl = await apis.discoveryApi.getBaseUrl('canary');
  const response = await apis.fetchApi.fetch(
    `${baseUrl}/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
      .map(encodeURIComponent)
      .join('/')}/workloads`,
  );
  if (!response.ok) {
    // The backend's message says what is wrong (not owner, unknown entity); show it, not the status.
    const error = await ResponseError.fromResponse(response);
    throw new Error(
      `${error.body?.error?.message ?? error.message} (HTTP ${
        response.status
      })`,
    );
  }
  return response.json();
}
