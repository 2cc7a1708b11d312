import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Canary, CanaryStatus } from '@vane/plugin-canary-common';
import { kubernetesObjectRef } from '../routers/kubernetesObjectRef';
import type { CanaryEventRecorder } from './CanaryEventRecorder';
import type { EngineCluster } from './EngineCluster';
import { statusChanged } from './statusChanged';

/**
 * How long a cached Canary still at the version this engine last wrote a status over is taken for
 * a cache that has not seen the write yet (a watch event is milliseconds behind). Past it, the
 * write is assumed to have changed nothing and the Canary is decided again.
 */
const STALE_CACHE_GRACE_MS = 30_000;

/** The condition an invalid or unroutable Canary gets; the engine touches nothing else. */
const VALID_CONDITION = 'Valid';

/**
 * Every status write of the engine: the decided status (merge-patched, with the nulls that remove
 * what it no longer holds), the reason alone when a tick's actions failed, and the Valid=False
 * condition of a Canary it refuses; and the guard against deciding twice from a stale cache.
 */
export class CanaryStatusWriter {
  /** Per Canary, the resourceVersion this engine last decided from and wrote a status over. */
  private readonly lastWritten = new Map<
    string,
    { resourceVersion: string; atMs: number }
  >();

  constructor(
    private readonly deps: {
      writer: EngineCluster['writer'];
      events: CanaryEventRecorder;
      logger: LoggerService;
    },
  ) {}

  /**
   * Whether the cache still shows the Canary as it was before this engine's last status write: a
   * tick decided from it would start the same rollout twice, record it twice in the history.
   */
  isStale(canary: Canary, clock: Date): boolean {
    const written = this.lastWritten.get(keyOf(canary));
    return (
      !!written &&
      written.resourceVersion === canary.metadata.resourceVersion &&
      clock.getTime() - written.atMs < STALE_CACHE_GRACE_MS
    );
  }

  /** The status to decide from: without the Valid condition, which only a refusal writes. */
  decidableStatus(canary: Canary): CanaryStatus {
    const status = canary.status ?? {};
    if (!status.conditions?.some(c => c.type === VALID_CONDITION)) {
      return status;
    }
    return {
      ...status,
      conditions: status.conditions.filter(c => c.type !== VALID_CONDITION),
    };
  }

  /** Writes a decided status when it differs from the stored one; true when it wrote. */
  async write(
    canary: Canary,
    status: CanaryStatus,
    clock: Date,
  ): Promise<boolean> {
    if (!statusChanged(canary.status, status)) {
      return false;
    }
    const { gate, stepPause } = status;
    // A merge patch only removes what it sets to null, in nested objects too: whatever the
    // decision dropped from the stored status (a reason, the mirroring, a cookie, a step's
    // pause) is nulled.
    const dropped = Object.keys(canary.status ?? {})
      .filter(field => !(field in status))
      .map(field => [field, null]);
    await this.deps.writer.patchStatus(kubernetesObjectRef(canary), {
      ...Object.fromEntries(dropped),
      ...status,
      ...(status.reason === undefined ? { reason: null } : {}),
      gate: gate ? { ...gate, canaryWeight: gate.canaryWeight ?? null } : null,
      // A pause {} after a timed one loses the timed one's end.
      ...(stepPause
        ? { stepPause: { ...stepPause, endTime: stepPause.endTime ?? null } }
        : {}),
    } as Record<string, unknown>);
    if (canary.metadata.resourceVersion) {
      this.lastWritten.set(keyOf(canary), {
        resourceVersion: canary.metadata.resourceVersion,
        atMs: clock.getTime(),
      });
    }
    return true;
  }

  /**
   * A tick whose actions failed: only the reason is written, so the next tick decides again from
   * the same state, and the failure is visible on the Canary meanwhile.
   */
  async writeFailure(
    canary: Canary,
    status: CanaryStatus,
    message: string,
  ): Promise<void> {
    this.deps.logger.warn(message);
    if (status.reason !== message) {
      await this.deps.writer.patchStatus(kubernetesObjectRef(canary), {
        ...status,
        reason: message,
      } as Record<string, unknown>);
    }
  }

  /** A Canary the engine refuses: Valid=False with the message, once, and a Warning event. */
  async reportInvalid(canary: Canary, message: string, clock: Date) {
    const current = canary.status?.conditions?.find(
      c => c.type === VALID_CONDITION,
    );
    if (current?.status === 'False' && current.message === message) {
      return;
    }
    this.deps.logger.warn(message);
    const now = clock.toISOString();
    const others = (canary.status?.conditions ?? []).filter(
      c => c.type !== VALID_CONDITION,
    );
    await this.deps.writer.patchStatus(kubernetesObjectRef(canary), {
      reason: message,
      conditions: [
        ...others,
        {
          type: VALID_CONDITION,
          status: 'False',
          reason: 'InvalidSpec',
          message,
          lastUpdateTime: now,
          lastTransitionTime: now,
        },
      ],
    });
    await this.deps.events.record(canary, 'Warning', message);
  }
}

function keyOf(canary: Canary) {
  return `${canary.metadata.namespace}/${canary.metadata.name}`;
}
