import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CanaryRollout,
  EntityRolloutsResponse,
} from '@vane/plugin-canary-common';
import type { CanaryApi, CanaryRolloutAction } from './CanaryApi';

/** CanaryApi over HTTP, with the signed-in user's Backstage token (fetchApi). */
export class CanaryClient implements CanaryApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getEntityRollouts(entityRef: string): Promise<EntityRolloutsResponse> {
    return this.request('GET', `${this.entityPath(entityRef)}/rollouts`);
  }

  async act(
    entityRef: string,
    rollout: CanaryRollout,
    action: CanaryRolloutAction,
  ) {
    const path = [
      this.entityPath(entityRef),
      'rollouts',
      rollout.cluster,
      rollout.namespace,
      rollout.name,
      action,
    ]
      .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
      .join('/');
    return this.request<{ message: string }>('POST', path);
  }

  private entityPath(entityRef: string) {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
      namespace,
    )}/${encodeURIComponent(name)}`;
  }

  private async request<T>(method: 'GET' | 'POST', path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('canary');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`, {
      method,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
