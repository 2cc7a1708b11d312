import type { KubeConfig } from '@kubernetes/client-node';
import type { MeshDataPlane } from '../dataplane/MeshDataPlane';
import type { LoadStatus } from '../load/LoadGenerator';
import type { PrometheusSample } from '../prometheus/queryPrometheus';
import type { PrometheusWebOptions } from '../prometheus/startPrometheus';
import type { InClusterService } from '../cluster/serveInCluster';

/** Options of startLab; every one has a default that suits a test. */
export interface LabOptions {
  /** Where the lab keeps etcd, certificates, logs and the kubeconfig. Default: a fresh dir in os.tmpdir(), removed on stop. */
  dataDir?: string;
  /** Keep a generated dataDir after stop (to read the logs). */
  keepDataDir?: boolean;
  /** Binary cache root; default $VANE_CACHE or ~/.cache/vane. */
  cacheDir?: string;
  /** Delay before a bound pod becomes Running and Ready (default 1000 ms). */
  readyDelayMs?: number;
  /** Folders whose *.yaml CRDs are installed too; default plugins/canary-backend/crds. */
  extraCrdDirs?: string[];
  /** The engine's RBAC manifest; default plugins/canary-backend/deploy/rbac.yaml. */
  engineRbacFile?: string;
  /** Fixed ports for the load tester and the data plane's /metrics (default: free ports). */
  loadTesterPort?: number;
  metricsPort?: number;
  /**
   * How pods running an image answer, e.g. `{ 'ghcr.io/stefanprodan/podinfo:6.0.1': { errorRate: 0.3 } }`,
   * so that `kubectl set image` deploys a faulty version; pod annotations override it.
   */
  imageBehaviours?: Record<string, { errorRate?: number; latencyMs?: number }>;
  /** Start Prometheus behind basic auth and/or TLS (its `--web.config.file`), as production ones run. */
  prometheus?: PrometheusWebOptions;
  log?: (line: string) => void;
}

/**
 * Background load: on one Service (or a hostname a route claims) from inside the mesh, or
 * through a gateway (`gateway`, with `host` as the Host header).
 */
export interface LabLoad {
  service?: string;
  /** Without `gateway`: the host called; with it, the Host header (default: the gateway's address). */
  host?: string;
  /**
   * Send the load to this gateway, `namespace/name`: an Istio gateway's Service (the lab's is
   * `istio-system/istio-ingressgateway`) or a Gateway API Gateway (`gateway-system/lab-gateway`).
   * An unknown gateway throws.
   */
  gateway?: string;
  namespace?: string;
  /** Requests per second; 0 stops the stream. */
  rps: number;
  headers?: Record<string, string>;
  path?: string;
  method?: string;
  /**
   * Send as this many sticky clients in turn, each keeping the cookies its answers set (as
   * browsers do); `loads()` shows each one's cookies and who answered it. Default: every request
   * a new client without cookies.
   */
  clients?: number;
}

/** The `canary.clusters[]` entry that points Vane's backend at a lab. */
export interface LabClusterConfig {
  name: string;
  url: string;
  authProvider: 'serviceAccount';
  serviceAccountToken: string;
  caData: string;
  prometheus: {
    url: string;
    basicAuth?: { username: string; password: string };
    /** base64 PEM of the CA of a TLS Prometheus. */
    caData?: string;
  };
}

/** The lab's processes that a fault test may stop and start again (`Lab.stopProcess`). */
export type LabProcessName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'prometheus';

/** A running lab. */
export interface Lab {
  dataDir: string;
  kubeconfigPath: string;
  /** Admin (system:masters) client config, for tests and tools. */
  kubeConfig: KubeConfig;
  apiserverUrl: string;
  /**
   * etcd's client URL (plain HTTP, its v3 JSON gateway at /v3/kv/...): for a test that changes
   * what the API server stores behind its back, as another API server of an HA control plane
   * would while this one is stopped.
   */
  etcdUrl: string;
  /** PEM CA of the apiserver's serving certificate. */
  caData: string;
  adminToken: string;
  /** Token of the engine's ServiceAccount (least privilege, from rbac.yaml). */
  token: string;
  engineServiceAccount: { namespace: string; name: string };
  prometheusUrl: string;
  /** PEM of the CA that signed Prometheus' certificate, when it serves TLS. */
  prometheusCaData?: string;
  /** The user Prometheus accepts, when it asks for basic auth. */
  prometheusBasicAuth?: { username: string; password: string };
  /** Flagger-compatible load tester webhook URL (POST), also GET/PUT /loads. */
  loadTesterUrl: string;
  /** The simulated data plane's metrics, as Prometheus scrapes them. */
  metricsUrl: string;
  sourceVersion: string;
  /** The pid of each process (etcd, kube-apiserver, ...), the current one after a start again. */
  readonly pids: Record<string, number>;
  dataPlane: MeshDataPlane;
  /** Sets (rps 0: stops) a background load; throws, naming the field, on a bad one. */
  setLoad(load: LabLoad): void;
  loads(): LoadStatus[];
  /** Instant PromQL query against the lab's Prometheus. */
  query(promql: string): Promise<PrometheusSample[]>;
  clusterConfig(name?: string): LabClusterConfig;
  /**
   * Makes a server of this machine (the lab's Prometheus, its load tester) a Service of the
   * cluster that the API server's service proxy reaches (through the lab's pod network).
   */
  serveInCluster(service: InClusterService): Promise<void>;
  /**
   * Fault injection: stops one of the lab's processes by its pid and keeps its data: SIGTERM (a
   * graceful stop), SIGKILL after 5 s; with `kill`, SIGKILL at once (a crash). Resolves once the
   * pid is gone. Everything else of the lab keeps running and retries meanwhile.
   */
  stopProcess(name: LabProcessName, options?: { kill?: boolean }): Promise<void>;
  /**
   * Starts a stopped process again: the same binary and arguments, so the same port, data,
   * certificates and tokens (clients need no new config). Resolves once it is ready (etcd
   * healthy, the API server's /readyz, Prometheus' /-/ready).
   */
  startProcess(name: LabProcessName): Promise<void>;
  stop(): Promise<void>;
}
