import type { LoggerService } from '@backstage/backend-plugin-api';
import { analysisIntervalMs, CANARY_API } from '@vane/plugin-canary-common';
import type { ClusterCache } from '../cluster/ClusterCache';
import type { KubernetesHttpClient } from '../cluster/KubernetesHttpClient';
import type { CanaryReconciler } from './CanaryReconciler';
import { LeaseElection } from './LeaseElection';

/** Phases in which an early tick cannot skip an analysis step, so changes may trigger one. */
const REACTIVE_PHASES = new Set([
  undefined,
  'Initializing',
  'Initialized',
  'Succeeded',
  'Failed',
  'Waiting',
]);

/** How soon a tick put off for an out-of-sync cache tries again (it was due already). */
const SYNC_RETRY_MS = 1000;

/**
 * Drives every Canary of one cluster while this replica holds the cluster's Lease: a timer per
 * Canary at its analysis interval, plus an immediate tick when a Canary or its target changes
 * while no analysis is under way (so a new revision starts without waiting an interval).
 */
export class ClusterEngine {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly seenGenerations = new Map<string, number>();
  private readonly election: LeaseElection;
  private unsubscribe?: () => void;
  /** Whether ticks are waiting for the caches to be in sync (logged once per wait). */
  private waitingForSync = false;

  constructor(
    private readonly options: {
      clusterName: string;
      cache: ClusterCache;
      client: KubernetesHttpClient;
      reconciler: CanaryReconciler;
      logger: LoggerService;
      identity: string;
      leaseNamespace: string;
      leaseDurationSeconds?: number;
    },
  ) {
    const leaseDurationSeconds = options.leaseDurationSeconds ?? 15;
    this.election = new LeaseElection({
      client: options.client,
      namespace: options.leaseNamespace,
      name: `vane-canary-engine-${options.clusterName}`,
      identity: options.identity,
      leaseDurationSeconds,
      renewEverySeconds: Math.max(1, Math.floor(leaseDurationSeconds / 3)),
      logger: options.logger,
      onStartedLeading: () => this.startDriving(),
      onStoppedLeading: () => this.stopDriving(),
    });
  }

  start() {
    this.election.start();
  }

  isLeader() {
    return this.election.isLeader();
  }

  /**
   * How long the engine may still write to the cluster as its driver (the Lease's renew
   * deadline); 0 when this replica does not drive it. The engine's writer refuses to send a
   * write at 0 and gives up on one still under way at the deadline.
   */
  leaseRemainingMs(): number {
    return this.election.remainingMs();
  }

  async stop() {
    // Finish the ticks under way before handing the Lease over, so no write follows the release.
    this.stopDriving();
    await Promise.all(this.running.values());
    await this.election.stop();
  }

  private startDriving() {
    const { cache } = this.options;
    for (const canary of cache.list(
      `${CANARY_API.group}/${CANARY_API.version}`,
      CANARY_API.kind,
    )) {
      this.schedule(canary.metadata.namespace!, canary.metadata.name, 0);
    }
    this.unsubscribe = cache.onChange((verb, object) =>
      this.onChange(verb, object),
    );
  }

  private stopDriving() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  private onChange(verb: string, object: any) {
    const namespace = object.metadata?.namespace;
    if (
      object.kind === CANARY_API.kind &&
      object.apiVersion?.startsWith(CANARY_API.group)
    ) {
      const key = `${namespace}/${object.metadata.name}`;
      if (verb === 'delete') {
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
        return;
      }
      // Our own status writes arrive here too; they do not move metadata.generation. Only a new
      // Canary, or a spec change while no analysis is under way, triggers an early tick.
      const generation = object.metadata.generation ?? 0;
      const seen = this.seenGenerations.get(key);
      this.seenGenerations.set(key, generation);
      if (
        !this.timers.has(key) ||
        (seen !== generation && this.isReactive(object))
      ) {
        this.schedule(namespace, object.metadata.name, 0);
      }
      return;
    }
    if (object.kind === 'Deployment' && verb !== 'delete') {
      for (const canary of this.options.cache.list(
        `${CANARY_API.group}/${CANARY_API.version}`,
        CANARY_API.kind,
        namespace,
      )) {
        const targetName = (canary as any).spec?.targetRef?.name;
        const concerned =
          object.metadata.name === targetName ||
          object.metadata.name === `${targetName}-primary`;
        if (concerned && this.isReactive(canary)) {
          this.schedule(namespace, canary.metadata.name, 0);
        }
      }
    }
  }

  private isReactive(canary: any) {
    return REACTIVE_PHASES.has(canary.status?.phase);
  }

  private schedule(namespace: string, name: string, delayMs: number) {
    const key = `${namespace}/${name}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => void this.tick(namespace, name), delayMs),
    );
  }

  private async tick(namespace: string, name: string) {
    const key = `${namespace}/${name}`;
    // One tick per Canary at a time: a slow webhook must not let two ticks interleave.
    const previous = this.running.get(key);
    if (previous) {
      await previous;
    }
    if (!this.election.isLeader()) {
      return;
    }
    // A cache that may have missed changes (a watch broke: the API server restarted, the network
    // dropped) would decide from a world that is gone: wait for the fresh list, then go on.
    const behind = this.options.cache.outOfSync();
    if (behind) {
      if (!this.waitingForSync) {
        this.options.logger.warn(
          `Not driving the Canaries of ${this.options.clusterName} until its caches are in sync again: ${behind}`,
        );
      }
      this.waitingForSync = true;
      this.schedule(namespace, name, SYNC_RETRY_MS);
      return;
    }
    if (this.waitingForSync) {
      this.waitingForSync = false;
      this.options.logger.info(
        `Caches of ${this.options.clusterName} in sync again; driving its Canaries`,
      );
    }
    const run = this.options.reconciler
      .reconcile(namespace, name)
      .catch(error =>
        this.options.logger.error(
          `Canary ${key} in ${this.options.clusterName}: ${
            (error as Error).message
          }`,
        ),
      );
    this.running.set(key, run);
    await run;
    this.running.delete(key);
    if (!this.election.isLeader()) {
      return;
    }
    const canary: any = this.options.cache.getNow({
      apiVersion: `${CANARY_API.group}/${CANARY_API.version}`,
      kind: CANARY_API.kind,
      namespace,
      name,
    });
    if (canary) {
      this.schedule(namespace, name, analysisIntervalMs(canary.spec));
    } else {
      this.timers.delete(key);
    }
  }
}
