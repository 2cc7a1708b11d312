import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  AppliedCanaryResponse,
  ApplyCanaryRequest,
  ApplyCanaryResponse,
  ClustersResponse,
} from '@vane/plugin-canary-common';

/**
 * Calls the canary backend on behalf of the user who runs a template: the token is a plugin
 * request token for `canary` minted on the initiator's credentials, so the canary backend checks
 * the user's own permissions and cluster credentials never leave it.
 */
export class CanaryBackendClient {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async clusters(credentials: BackstageCredentials): Promise<ClustersResponse> {
    return this.request(credentials, 'GET', '/clusters');
  }

  async applyCanary(
    credentials: BackstageCredentials,
    entityRef: string,
    body: ApplyCanaryRequest,
  ): Promise<ApplyCanaryResponse> {
    return this.request(
      credentials,
      'POST',
      `${entityPath(entityRef)}/canaries`,
      body,
    );
  }

  async canaryState(
    credentials: BackstageCredentials,
    entityRef: string,
    canary: { cluster: string; namespace: string; name: string },
  ): Promise<AppliedCanaryResponse> {
    return this.request(
      credentials,
      'GET',
      `${entityPath(entityRef)}/canaries/${[
        canary.cluster,
        canary.namespace,
        canary.name,
      ]
        .map(encodeURIComponent)
        .join('/')}`,
    );
  }

  private async request<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'canary',
    });
    const baseUrl = await this.deps.discovery.getBaseUrl('canary');
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) {
      return (await response.json()) as T;
    }
    // Keep the canary backend's own message: it says what was wrong and what to do.
    const text = await response.text();
    let message = text;
    try {
      message = JSON.parse(text).error?.message ?? text;
    } catch {
      // not JSON: the text as it came
    }
    const described = `The canary backend refused ${method} ${path} (HTTP ${response.status}): ${message}`;
    switch (response.status) {
      case 400:
        throw new InputError(described);
      case 401:
      case 403:
        throw new NotAllowedError(described);
      case 404:
        throw new NotFoundError(described);
      case 409:
        throw new ConflictError(described);
      case 503:
        throw new ServiceUnavailableError(described);
      default:
        throw new Error(described);
    }
  }
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'component',
    defaultNamespace: 'default',
  });
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}
