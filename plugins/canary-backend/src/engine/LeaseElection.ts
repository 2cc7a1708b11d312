import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesApiError,
  KubernetesHttpClient,
} from '../cluster/KubernetesHttpClient';

/**
 * Leader election over a coordination.k8s.io/v1 Lease: one backend replica drives a cluster at a
 * time; the others keep their caches warm and take over when the holder stops renewing.
 * Updates carry the Lease's resourceVersion, so two replicas can never both win a round.
 */
export class LeaseElection {
  private timer?: NodeJS.Timeout;
  private leading = false;
  private stopped = false;
  private readonly path: string;

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
  }

  start() {
    void this.round();
  }

  isLeader() {
    return this.leading;
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.leading) {
      this.setLeading(false);
      await this.release();
    }
  }

  /** On a graceful stop, hands the Lease over at once instead of after its duration. */
  private async release() {
    const { client, name, identity } = this.options;
    try {
      const lease = await client.request('GET', `${this.path}/${name}`);
      if (lease.spec?.holderIdentity !== identity) {
        return;
      }
      await client.request('PUT', `${this.path}/${name}`, {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: '',
          renewTime: new Date(0)
            .toISOString()
            .replace(/\.(\d{3})Z$/, '.$1000Z'),
        },
      });
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
      this.setLeading(await this.tryAcquireOrRenew());
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

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, name, identity, leaseDurationSeconds } = this.options;
    const now = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    let lease: any;
    try {
      lease = await client.request('GET', `${this.path}/${name}`);
    } catch (error) {
      if (!(error instanceof KubernetesApiError && error.statusCode === 404)) {
        throw error;
      }
      try {
        await client.request('POST', this.path, {
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
        });
        return true;
      } catch (createError) {
        if (
          createError instanceof KubernetesApiError &&
          createError.statusCode === 409
        ) {
          return false;
        }
        throw createError;
      }
    }
    const spec = lease.spec ?? {};
    const renewed = Date.parse(spec.renewTime ?? spec.acquireTime ?? 0);
    const expired =
      Date.now() - renewed >
      (spec.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
    const vacant = !spec.holderIdentity;
    if (spec.holderIdentity !== identity && !expired && !vacant) {
      return false;
    }
    const takingOver = spec.holderIdentity !== identity;
    try {
      await client.request('PUT', `${this.path}/${name}`, {
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
      });
      return true;
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 409) {
        return false;
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
