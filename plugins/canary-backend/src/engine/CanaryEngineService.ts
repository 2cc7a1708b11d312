import type { LoggerService } from '@backstage/backend-plugin-api';
import os from 'node:os';
import crypto from 'node:crypto';
import { ClusterCache } from '../cluster/ClusterCache';
import { ClusterWriter } from '../cluster/ClusterWriter';
import type { ClusterConnection } from '../cluster/ClusterConnection';
import { connectToCluster } from '../cluster/connectToCluster';
import { KubernetesHttpClient } from '../cluster/KubernetesHttpClient';
import type { CanaryClusterConfig } from '../cluster/readClusterConfigs';
import type { AlertSender } from '../alerts/AlertSender';
import { RecentCanaryEvents } from '../events/RecentCanaryEvents';
import type { RolloutHistoryRecorder } from '../history/RolloutHistoryRecorder';
import type { MeshRouterRegistry } from '../meshes/MeshRouterRegistry';
import { connectPrometheus } from '../metrics/connectPrometheus';
import type { PrometheusMetricProvider } from '../metrics/PrometheusMetricProvider';
import { CanaryReconciler } from './CanaryReconciler';
import type { CheckRunner } from './CheckRunner';
import { ClusterEngine } from './ClusterEngine';

/** One configured cluster as the plugin holds it. */
export interface ConnectedCluster {
  config: CanaryClusterConfig;
  cache: ClusterCache;
  writer: ClusterWriter;
  engine: ClusterEngine;
  /** The cluster's Prometheus with its credentials, when one is configured. */
  prometheus?: PrometheusMetricProvider;
  /** The Events this replica's engine recorded lately, per Canary (the portal shows them). */
  events: RecentCanaryEvents;
  /** The backend's meshes, for the portal's reads (the same registry the engine routes with). */
  meshes: MeshRouterRegistry;
  /**
   * Why the cluster's caches are not available, when they are not: it could not be reached at
   * start, or a watch broke since (the API server down, the network gone) and no fresh list has
   * landed yet.
   */
  readonly error?: string;
  /** Connected and every cache in sync with the API server: what it holds may be shown and acted on. */
  readonly synced: boolean;
}

/** How far connecting to a cluster got: whether its first lists landed, or why they did not. */
interface ConnectionState {
  connected: boolean;
  error?: string;
}

/**
 * Connects to every configured cluster (caches first, then the engine behind the cluster's
 * Lease). A cluster that cannot be reached is retried in the background and reported; the
 * others work meanwhile.
 */
export class CanaryEngineService {
  readonly clusters: ConnectedCluster[] = [];
  /** This replica's name in Leases and in the API server's audit log. */
  readonly identity = `${os.hostname()}-${process.pid}-${crypto
    .randomBytes(3)
    .toString('hex')}`;
  private stopped = false;
  private retryTimers: NodeJS.Timeout[] = [];

  constructor(
    private readonly options: {
      clusters: CanaryClusterConfig[];
      routers: MeshRouterRegistry;
      checksFor: (
        cluster: CanaryClusterConfig,
        cache: ClusterCache,
        access: {
          /** The cluster's Prometheus with its credentials, when one is configured. */
          prometheus?: PrometheusMetricProvider;
          /** The engine's connection to the cluster's API server. */
          connection: Promise<ClusterConnection>;
        },
      ) => CheckRunner;
      logger: LoggerService;
      /** Where the engines record the start and end of every rollout. */
      history?: RolloutHistoryRecorder;
      /** Where the engines send rollout alerts. */
      alerts?: AlertSender;
      leaseNamespace?: string;
      leaseDurationSeconds?: number;
    },
  ) {}

  start() {
    for (const config of this.options.clusters) {
      const connection = connectToCluster(config);
      // A failed setup is reported by the requests that need it, not as an unhandled rejection.
      connection.catch(() => undefined);
      const client = new KubernetesHttpClient(
        connection,
        `vane-canary/${this.identity}`,
      );
      const prometheus =
        config.prometheus &&
        connectPrometheus(config.prometheus, {
          name: config.name,
          url: config.url,
          connection,
        });
      const logger = this.options.logger.child({ cluster: config.name });
      const cache = new ClusterCache(client, message => logger.warn(message));
      const events = new RecentCanaryEvents();
      // Every replica follows the cluster's Canary Events; the engine's own are shown at once.
      cache.onChange((verb, object) => {
        if (object.kind === 'Event') {
          if (verb === 'delete') {
            events.forget(object);
          } else {
            events.record(object);
          }
        }
      });
      // The portal's writes (operator actions, applied Canaries) come from any replica; the
      // engine's only from the one that holds the cluster's Lease, and not past its deadline.
      const writer = new ClusterWriter(client, event => events.record(event));
      let engine: ClusterEngine | undefined = undefined;
      const engineWriter = new ClusterWriter(
        client,
        event => events.record(event),
        () => engine?.leaseRemainingMs() ?? 0,
      );
      const reconciler = new CanaryReconciler({
        clusterName: config.name,
        defaultProvider: config.defaultProvider,
        cache,
        writer: engineWriter,
        routers: this.options.routers,
        checks: this.options.checksFor(config, cache, {
          prometheus,
          connection,
        }),
        logger,
        history: this.options.history,
        alerts: this.options.alerts,
      });
      engine = new ClusterEngine({
        clusterName: config.name,
        cache,
        client,
        reconciler,
        logger,
        identity: this.identity,
        leaseNamespace: this.options.leaseNamespace ?? 'vane-system',
        leaseDurationSeconds: this.options.leaseDurationSeconds,
      });
      const state: ConnectionState = { connected: false };
      const cluster: ConnectedCluster = {
        config,
        cache,
        writer,
        engine,
        prometheus,
        events,
        meshes: this.options.routers,
        get synced() {
          return state.connected && !cache.outOfSync();
        },
        get error() {
          if (!state.connected) {
            return state.error;
          }
          const behind = cache.outOfSync();
          return behind
            ? `Cluster ${config.name} at ${config.url} is unreachable or its caches are out of sync: ${behind}; nothing of it is shown until they are in sync again`
            : undefined;
        },
      };
      this.clusters.push(cluster);
      void this.connect(cluster, state, logger);
    }
  }

  private async connect(
    cluster: ConnectedCluster,
    state: ConnectionState,
    logger: LoggerService,
  ) {
    try {
      await cluster.cache.start();
      if (this.stopped) {
        // Stopped while the caches were syncing: stop() did not see these informers yet.
        await cluster.cache.stop();
        return;
      }
      state.connected = true;
      state.error = undefined;
      logger.info(`Connected to cluster ${cluster.config.name}; caches synced`);
      cluster.engine.start();
    } catch (error) {
      state.error = `Cluster ${cluster.config.name} at ${
        cluster.config.url
      } is unreachable: ${(error as Error).message}`;
      logger.warn(`${state.error}; retrying in 10s`);
      await cluster.cache.stop().catch(() => undefined);
      if (!this.stopped) {
        this.retryTimers.push(
          setTimeout(() => void this.connect(cluster, state, logger), 10_000),
        );
      }
    }
  }

  async stop() {
    this.stopped = true;
    this.retryTimers.forEach(clearTimeout);
    await Promise.all(
      this.clusters.map(async cluster => {
        await cluster.engine.stop();
        await cluster.cache.stop();
      }),
    );
  }
}
