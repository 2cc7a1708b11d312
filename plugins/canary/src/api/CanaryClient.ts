import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CanaryRollout,
  CanaryRolloutAction,
  CanaryRolloutActionResponse,
  EntityHealthResponse,
  EntityRolloutsResponse,
  RolloutAnalysisResponse,
  RolloutHistoryResponse,
  RolloutsResponse,
} from '@vane/plugin-canary-common';
import type {
  CanaryApi,
  CanaryRolloutsQuery,
  CanaryUnsubscribe,
} from './CanaryApi';
import { readServerSentEvents } from './readServerSentEvents';
import { SharedStreams } from './SharedStreams';

type RolloutRef = Pick<CanaryRollout, 'cluster' | 'namespace' | 'name'>;
type ActedRollout = RolloutRef & Partial<Pick<CanaryRollout, 'controller'>>;

/** How long a dropped stream waits before it reconnects. */
const RECONNECT_MS = 2_000;

/** CanaryApi over HTTP, with the signed-in user's Backstage token (fetchApi). */
export class CanaryClient implements CanaryApi {
  /** Components following the same stream share its connection. */
  private readonly streams = new SharedStreams((path, onData, onError) =>
    this.openStream(path, onData, onError),
  );

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getEntityRollouts(entityRef: string): Promise<EntityRolloutsResponse> {
    return this.request('GET', `${entityPath(entityRef)}/rollouts`);
  }

  async getRollouts(query: CanaryRolloutsQuery): Promise<RolloutsResponse> {
    return this.request('GET', `/rollouts${rolloutsQueryString(query)}`);
  }

  async getEntityHealth(
    entityRef: string,
    options?: { window?: string },
  ): Promise<EntityHealthResponse> {
    const window = options?.window
      ? `?window=${encodeURIComponent(options.window)}`
      : '';
    return this.request('GET', `${entityPath(entityRef)}/health${window}`);
  }

  async getRolloutAnalysis(
    entityRef: string,
    rollout: RolloutRef,
    options?: { historyId?: number },
  ): Promise<RolloutAnalysisResponse> {
    const history =
      options?.historyId !== undefined ? `?history=${options.historyId}` : '';
    return this.request(
      'GET',
      `${rolloutPath(entityRef, rollout)}/analysis${history}`,
    );
  }

  async getHistory(
    entityRef: string,
    options?: { limit?: number; offset?: number },
  ): Promise<RolloutHistoryResponse> {
    const params = new URLSearchParams({ entity: entityRef });
    if (options?.limit !== undefined) params.set('limit', `${options.limit}`);
    if (options?.offset !== undefined)
      params.set('offset', `${options.offset}`);
    return this.request('GET', `/history?${params}`);
  }

  async act(
    entityRef: string,
    rollout: ActedRollout,
    action: CanaryRolloutAction,
  ): Promise<CanaryRolloutActionResponse> {
    // Another controller's rollout may share a Vane Canary's name: say which one.
    const controller =
      rollout.controller && rollout.controller !== 'vane'
        ? `?controller=${encodeURIComponent(rollout.controller)}`
        : '';
    return this.request(
      'POST',
      `${rolloutPath(entityRef, rollout)}/${encodeURIComponent(
        action,
      )}${controller}`,
    );
  }

  streamEntityRollouts(
    entityRef: string,
    onData: (data: EntityRolloutsResponse) => void,
    onError?: (error: Error) => void,
  ): CanaryUnsubscribe {
    return this.stream(`${entityPath(entityRef)}/stream`, onData, onError);
  }

  streamRollouts(
    query: CanaryRolloutsQuery,
    onData: (data: RolloutsResponse) => void,
    onError?: (error: Error) => void,
  ): CanaryUnsubscribe {
    return this.stream(`/stream${rolloutsQueryString(query)}`, onData, onError);
  }

  private stream<T>(
    path: string,
    onData: (data: T) => void,
    onError?: (error: Error) => void,
  ): CanaryUnsubscribe {
    return this.streams.subscribe(path, onData, onError);
  }

  /**
   * Reads a Server-Sent Events stream through fetchApi (EventSource cannot send the Backstage
   * token), handing each `rollouts` event's data to `onData`, and reconnects after a drop.
   */
  private openStream(
    path: string,
    onData: (data: unknown) => void,
    onError: (error: Error) => void,
  ): CanaryUnsubscribe {
    const controller = new AbortController();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      try {
        const base = await this.deps.discoveryApi.getBaseUrl('canary');
        const response = await this.deps.fetchApi.fetch(`${base}${path}`, {
          headers: { Accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          throw await ResponseError.fromResponse(response);
        }
        await readServerSentEvents(response.body, event => {
          if (event.event === 'rollouts') {
            onData(JSON.parse(event.data));
          }
        });
        throw new Error('The live stream ended');
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
        onError(error as Error);
        retryTimer = setTimeout(connect, RECONNECT_MS);
      }
    };
    connect();
    return () => {
      controller.abort();
      clearTimeout(retryTimer);
    };
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

function entityPath(entityRef: string) {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

function rolloutPath(entityRef: string, rollout: RolloutRef) {
  return [entityPath(entityRef), 'rollouts']
    .concat(
      [rollout.cluster, rollout.namespace, rollout.name].map(
        encodeURIComponent,
      ),
    )
    .join('/');
}

function rolloutsQueryString(query: CanaryRolloutsQuery): string {
  const params = new URLSearchParams();
  for (const owner of query.owners ?? []) params.append('owner', owner);
  for (const phase of query.phases ?? []) params.append('phase', phase);
  for (const cluster of query.clusters ?? []) params.append('cluster', cluster);
  if (query.limit !== undefined) params.set('limit', `${query.limit}`);
  if (query.offset !== undefined) params.set('offset', `${query.offset}`);
  const text = params.toString();
  return text ? `?${text}` : '';
}
