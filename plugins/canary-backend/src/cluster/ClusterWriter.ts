import type {
  KubernetesObjectLike,
  KubernetesObjectRef,
  KubernetesObjectWriter,
} from '@vane/plugin-canary-node';
import { collectionPath, objectPath, resourceOf } from './KUBERNETES_RESOURCES';
import {
  KubernetesApiError,
  KubernetesHttpClient,
} from './KubernetesHttpClient';

/**
 * Writes to one cluster's API server: create (409 means "exists"), JSON merge patch with retry
 * on conflict, delete (404 means "gone"), and status patches through the status subresource.
 */
export class ClusterWriter implements KubernetesObjectWriter {
  constructor(
    private readonly client: KubernetesHttpClient,
    /** Told of every Event written, so the portal can show what the engine recorded. */
    private readonly onEventCreated: (
      event: KubernetesObjectLike,
    ) => void = () => {},
    /**
     * For the engine's writes: how long this replica still holds the cluster's Lease (ms). A
     * write is not sent at 0 and is given up on (its connection closed) when the time is up, so
     * no write of a replica whose claim ended reaches the API server or lands there later.
     */
    private readonly leaseRemainingMs?: () => number,
  ) {}

  /** The request options of one write: its deadline under the Lease; throws without a claim. */
  private fenced(
    method: string,
    path: string,
  ): { timeoutMs?: number } {
    if (!this.leaseRemainingMs) {
      return {};
    }
    const timeoutMs = this.leaseRemainingMs();
    if (timeoutMs <= 0) {
      throw new Error(
        `${method} ${path} not sent: this replica does not hold the cluster's Lease (it lost it or could not renew it in time)`,
      );
    }
    return { timeoutMs };
  }

  async create(object: KubernetesObjectLike): Promise<'created' | 'exists'> {
    const resource = resourceOf(object.apiVersion, object.kind);
    const path = collectionPath(resource, object.metadata.namespace);
    try {
      await this.client.request(
        'POST',
        path,
        object,
        undefined,
        this.fenced('POST', path),
      );
      return 'created';
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 409) {
        return 'exists';
      }
      throw error;
    }
  }

  async patch(
    ref: KubernetesObjectRef,
    patch: Record<string, unknown>,
  ): Promise<void> {
    await this.mergePatch(objectPath(ref), patch);
  }

  /** Patches `.status` through the status subresource (Canary progress lives there). */
  async patchStatus(
    ref: KubernetesObjectRef,
    status: Record<string, unknown>,
  ): Promise<void> {
    await this.mergePatch(`${objectPath(ref)}/status`, { status });
  }

  async delete(ref: KubernetesObjectRef): Promise<void> {
    const path = objectPath(ref);
    try {
      await this.client.request(
        'DELETE',
        path,
        undefined,
        undefined,
        this.fenced('DELETE', path),
      );
    } catch (error) {
      if (!(error instanceof KubernetesApiError && error.statusCode === 404)) {
        throw error;
      }
    }
  }

  /** Creates a core/v1 Event. */
  async createEvent(event: KubernetesObjectLike): Promise<void> {
    const path = collectionPath(
      resourceOf('v1', 'Event'),
      event.metadata.namespace,
    );
    await this.client.request(
      'POST',
      path,
      event,
      undefined,
      this.fenced('POST', path),
    );
    this.onEventCreated(event);
  }

  private async mergePatch(path: string, patch: Record<string, unknown>) {
    // A merge patch without resourceVersion does not conflict, but the API server may still
    // answer 409 under contention: retry a few times before giving up.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.request(
          'PATCH',
          path,
          patch,
          'application/merge-patch+json',
          this.fenced('PATCH', path),
        );
        return;
      } catch (error) {
        if (
          attempt < 4 &&
          error instanceof KubernetesApiError &&
          error.statusCode === 409
        ) {
          await new Promise(resolve => setTimeout(resolve, 100 * attempt));
          continue;
        }
        throw error;
      }
    }
  }
}
