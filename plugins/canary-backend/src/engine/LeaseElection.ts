import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesApiError,
  KubernetesHttpClient,
} from '../cluster/KubernetesHttpClient';

/**
 * Leader election over a coordination.k8s.io/v1 Lease: one backend replica drives a cluster at a
 * time; the others keep their caches warm and take over when the holder stops renewing.
 * Updates carry the Lease's resourceVersion, so two replicas can never both win a round.
 *
 * A holder that cannot renew (the API server or etcd away, a request hanging) stops driving at
 * its renew deadline, two thirds of the Lease duration after the renewal it last wrote, whether
 * or not a request is still under way: others take the Lease only once the whole duration has
 * passed, so the last third is the margin for writes already sent (`remainingMs` bounds them).
 */
export class LeaseElection {
  private timer?: NodeJS.Timeout;
  private deadlineTimer?: NodeJS.Timeout;
  private leading = false;
  private stopped = false;
  /** performance.now() at which this replica's claim ends for its own writes (renew deadline). */
  private holdsUntil = 0;
  private readonly path: string;
  private readonly renewDeadlineMs: number;

  constructor(
    private readonly options: {
      client: KubernetesHttpClient;
      namespace: string;
      name: string;
      identity: string;
      leaseDurationSeconds: number;
      renewEverySeconds: number;
      logger: LoggerService;
      onStartedLeading: () => void;
      onStoppedLeading: () => void;
    },
  ) {
    this.path = `/apis/coordination.k8s.io/v1/namespaces/${options.namespace}/leases`;
    this.renewDeadlineMs = (options.leaseDurationSeconds * 1000 * 2) / 3;
  }

  start() {
    void this.round();
  }

  isLeader() {
    return this.leading && this.remainingMs() > 0;
  }

  /**
   * How long this replica may still write as the cluster's driver: until its renew deadline;
   * 0 when it does not hold the Lease, or did not renew it in time.
   */
  remainingMs(): number {
    return this.leading ? Math.max(0, this.holdsUntil - performance.now()) : 0;
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.deadlineTimer);
    if (this.leading) {
      this.setLeading(false);
      await this.release();
    }
  }

  /** On a graceful stop, hands the Lease over at once instead of after its duration. */
  private async release() {
    const { client, name, identity, leaseDurationSeconds } = this.options;
    // A shutdown does not wait on an API server that does not answer: the Lease expires anyway.
    const timeout = { timeoutMs: leaseDurationSeconds * 1000 };
    try {
      const lease = await client.request(
        'GET',
        `${this.path}/${name}`,
        undefined,
        undefined,
        timeout,
      );
      if (lease.spec?.holderIdentity !== identity) {
        return;
      }
      await client.request(
        'PUT',
        `${this.path}/${name}`,
        {
          ...lease,
          spec: {
            ...lease.spec,
            holderIdentity: '',
            renewTime: new Date(0)
              .toISOString()
              .replace(/\.(\d{3})Z$/, '.$1000Z'),
          },
        },
        undefined,
        timeout,
      );
    } catch (error) {
      this.options.logger.warn(
        `Lease ${name}: could not release it: ${(error as Error).message}`,
      );
    }
  }

  private async round() {
    if (this.stopped) {
      return;
    }
    try {
      const renewedAt = await this.tryAcquireOrRenew();
      if (renewedAt !== undefined) {
        this.holdUntil(renewedAt + this.renewDeadlineMs);
      }
      // A round that took longer than the deadline renewed a claim already over.
      this.setLeading(
        renewedAt !== undefined && performance.now() < this.holdsUntil,
      );
    } catch (error) {
      this.options.logger.warn(
        `Lease ${this.options.name}: ${(error as Error).message}`,
      );
      this.setLeading(false);
    }
    if (!this.stopped) {
      this.timer = setTimeout(
        () => void this.round(),
        this.options.renewEverySeconds * 1000,
      );
    }
  }

  /**
   * The claim this renewal ends at (the replica stops driving then), with the timer that stops
   * it there even while the next round's requests hang.
   */
  private holdUntil(until: number) {
    this.holdsUntil = until;
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => {
      if (this.leading && this.remainingMs() <= 0) {
        this.options.logger.warn(
          `Lease ${this.options.namespace}/${this.options.name}: not renewed within ${
            this.renewDeadlineMs / 1000
          }s of the last renewal; stops driving before the Lease expires`,
        );
        this.setLeading(false);
      }
    }, Math.max(0, until - performance.now()) + 1);
  }

  /**
   * One round: the performance.now() just before the renewal (or creation) this replica wrote,
   * from which its claim runs; undefined when another replica holds the Lease.
   */
  private async tryAcquireOrRenew(): Promise<number | undefined> {
    const { client, name, identity, leaseDurationSeconds } = this.options;
    // No request of a round may outlast the Lease: a round hanging on an API server that waits
    // for etcd must not renew, much later, a claim others already saw expire.
    const timeout = { timeoutMs: leaseDurationSeconds * 1000 };
    const stamp = () => ({
      at: performance.now(),
      iso: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
    });
    let lease: any;
    try {
      lease = await client.request(
        'GET',
        `${this.path}/${name}`,
        undefined,
        undefined,
        timeout,
      );
    } catch (error) {
      if (!(error instanceof KubernetesApiError && error.statusCode === 404)) {
        throw error;
      }
      const created = stamp();
      const now = created.iso;
      try {
        await client.request(
          'POST',
          this.path,
          {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace: this.options.namespace },
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds,
            acquireTime: now,
            renewTime: now,
            leaseTransitions: 0,
          },
          },
          undefined,
          timeout,
        );
        return created.at;
      } catch (createError) {
        if (
          createError instanceof KubernetesApiError &&
          createError.statusCode === 409
        ) {
          return undefined;
        }
        throw createError;
      }
    }
    const spec = lease.spec ?? {};
    const lastRenewal = Date.parse(spec.renewTime ?? spec.acquireTime ?? 0);
    const expired =
      Date.now() - lastRenewal >
      (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    const vacant = !spec.holderIdentity;
    if (spec.holderIdentity !== identity && !expired && !vacant) {
      return undefined;
    }
    const takingOver = spec.holderIdentity !== identity;
    // The renewal time written is taken now, after the read, so it is never older than the claim.
    const renewed = stamp();
    const now = renewed.iso;
    try {
      await client.request(
        'PUT',
        `${this.path}/${name}`,
        {
          ...lease,
          spec: {
            ...spec,
            holderIdentity: identity,
            leaseDurationSeconds,
            renewTime: now,
            ...(takingOver
              ? {
                  acquireTime: now,
                  leaseTransitions: (spec.leaseTransitions ?? 0) + 1,
                }
              : {}),
          },
        },
        undefined,
        timeout,
      );
      return renewed.at;
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 409) {
        return undefined;
      }
      throw error;
    }
  }

  private setLeading(leading: boolean) {
    if (leading === this.leading) {
      return;
    }
    this.leading = leading;
    this.options.logger.info(
      `Lease ${this.options.namespace}/${this.options.name}: ${
        this.options.identity
      } ${leading ? 'now drives' : 'no longer drives'} this cluster`,
    );
    if (leading) {
      this.options.onStartedLeading();
    } else {
      this.options.onStoppedLeading();
    }
  }
}
