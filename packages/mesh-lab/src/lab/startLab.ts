import { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyObjects, parseManifests } from '../cluster/applyObjects';
import { installCrds } from '../cluster/installCrds';
import { readServiceAccountToken } from '../cluster/readServiceAccountToken';
import { ManagedProcess } from '../controlplane/ManagedProcess';
import { prepareControlPlane } from '../controlplane/prepareControlPlane';
import { startApiserver } from '../controlplane/startApiserver';
import { startControllerManager } from '../controlplane/startControllerManager';
import { startEtcd } from '../controlplane/startEtcd';
import { writeKubeconfig } from '../controlplane/writeKubeconfig';
import { MeshDataPlane } from '../dataplane/MeshDataPlane';
import { SimulatedKubelet } from '../kubelet/SimulatedKubelet';
import { LoadGenerator } from '../load/LoadGenerator';
import { backgroundLoadId } from '../load/backgroundLoadId';
import { LoadTesterServer } from '../load/LoadTesterServer';
import { parseLoadRequest } from '../load/parseLoadRequest';
import { LAB_GATEWAYS, labGatewayObjects } from '../fixtures/labGatewayObjects';
import { waitFor } from '../controlplane/waitFor';
import {
  PrometheusSample,
  queryPrometheus,
} from '../prometheus/queryPrometheus';
import { startPrometheus } from '../prometheus/startPrometheus';
import { ClusterNetworkProxy } from '../controlplane/ClusterNetworkProxy';
import { localPortOfPod, serveInCluster } from '../cluster/serveInCluster';
import { Lab, LabLoad, LabOptions, LabProcessName } from './Lab';
import { clusterConfigOf } from './clusterConfigOf';

// In the monorepo the engine's CRDs and RBAC sit beside this package.
const CANARY_BACKEND_DIR = path.resolve(
  path.dirname(require.resolve('@vane/mesh-lab/package.json')),
  '../../plugins/canary-backend',
);

/** One of the lab's processes and how to tell it is ready (after a start, or a start again). */
interface LabProcess {
  process: ManagedProcess;
  waitReady: (process: ManagedProcess) => Promise<void>;
}

/**
 * Starts a lab: prepares (builds once, then from cache) and starts etcd, kube-apiserver,
 * kube-controller-manager and Prometheus on free 127.0.0.1 ports with a fresh data directory,
 * installs the CRDs and the engine's RBAC and the lab's gateways (labGatewayObjects), and runs
 * the simulated kubelet, mesh data plane and load tester in this process.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const log =
    options.log ??
    ((line: string) => process.stderr.write(`[mesh-lab] ${line}\n`));
  const binaries = await prepareControlPlane({
    cacheDir: options.cacheDir,
    log,
  });
  const dataDir =
    options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-lab-'));
  fs.mkdirSync(dataDir, { recursive: true });

  // In start order; an entry's process is replaced when a test starts it again (startProcess).
  const processes: LabProcess[] = [];
  const processNamed = (name: LabProcessName): LabProcess => {
    const found = processes.find(p => p.process.name === name);
    if (!found) throw new Error(`The lab has no process ${name}: it has ${processes.map(p => p.process.name).join(', ')}`);
    return found;
  };
  const cleanups: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch(() => undefined);
    cleanups.length = 0;
    // Reverse start order: Prometheus, controller-manager, apiserver, etcd.
    for (const p of [...processes].reverse()) await p.process.stop();
    if (!options.dataDir && !options.keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const started = Date.now();
    const etcd = await startEtcd(binaries.etcd, dataDir);
    processes.push({ process: etcd.process, waitReady: etcd.waitReady });
    const podNetwork = new ClusterNetworkProxy(path.join(dataDir, 'pod-network.sock'));
    await podNetwork.listen();
    cleanups.push(() => podNetwork.stop());
    const apiserver = await startApiserver(binaries.kubeApiserver, dataDir, etcd.url, podNetwork.socketPath);
    processes.push({ process: apiserver.process, waitReady: apiserver.waitReady });
    const kubeconfigPath = path.join(dataDir, 'kubeconfig');
    writeKubeconfig(kubeconfigPath, {
      url: apiserver.url,
      caData: apiserver.caData,
      token: apiserver.adminToken,
    });
    processes.push({
      process: startControllerManager(binaries.kubeControllerManager, dataDir, {
        kubeconfig: kubeconfigPath,
        serviceAccountKey: apiserver.serviceAccountKey,
        rootCaFile: path.join(dataDir, 'certs', 'apiserver.crt'),
      }),
      // It serves no health port in the lab (--secure-port=0): running is all there is to see.
      waitReady: async running => running.assertRunning(),
    });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    podNetwork.resolve = (ip, port) => localPortOfPod(kc, ip, port);
    log(`control plane up in ${Date.now() - started} ms: ${apiserver.url}`);

    await installCrds(
      kc,
      options.extraCrdDirs ?? [path.join(CANARY_BACKEND_DIR, 'crds')],
    );
    const rbacFile =
      options.engineRbacFile ??
      path.join(CANARY_BACKEND_DIR, 'deploy', 'rbac.yaml');
    const rbac = parseManifests(fs.readFileSync(rbacFile, 'utf8'));
    await applyObjects(kc, rbac);
    const sa = rbac.find(o => o.kind === 'ServiceAccount');
    if (!sa)
      throw new Error(`${rbacFile} defines no ServiceAccount for the engine`);
    const engineServiceAccount = {
      namespace: sa.metadata!.namespace!,
      name: sa.metadata!.name!,
    };

    const kubelet = new SimulatedKubelet(kc, {
      readyDelayMs: options.readyDelayMs,
    });
    await kubelet.start();
    cleanups.push(() => kubelet.stop());
    // The ingress gateway's pod becomes Ready while Prometheus starts.
    await applyObjects(kc, labGatewayObjects());

    const dataPlane = new MeshDataPlane(kc, options.imageBehaviours);
    await dataPlane.start();
    cleanups.push(() => dataPlane.stop());
    const metricsTarget = await dataPlane.listen(options.metricsPort);
    const load = new LoadGenerator(dataPlane);
    load.start();
    cleanups.push(() => load.stop());
    const loadTester = new LoadTesterServer(load, dataPlane, kc);
    const loadTesterUrl = await loadTester.listen(options.loadTesterPort);
    cleanups.push(() => loadTester.stop());

    const prometheus = await startPrometheus(binaries.prometheus, dataDir, [metricsTarget], options.prometheus);
    processes.push({ process: prometheus.process, waitReady: prometheus.waitReady });

    const token = await readServiceAccountToken(
      kc,
      engineServiceAccount.namespace,
      engineServiceAccount.name,
    );
    // Load through a gateway is answered from the first request on.
    for (const gateway of [
      LAB_GATEWAYS.istio,
      LAB_GATEWAYS.gatewayApi,
      LAB_GATEWAYS.gloo,
      LAB_GATEWAYS.traefik,
      LAB_GATEWAYS.ingressNginx,
      LAB_GATEWAYS.contour,
    ]) {
      await waitFor(
        `the data plane to know gateway ${gateway} with a Ready proxy`,
        () => {
          const found = dataPlane.findGateway(gateway);
          return !('error' in found) && found.proxy !== undefined;
        },
        {
          timeoutMs: 60_000,
          intervalMs: 100,
          observe: () => JSON.stringify(dataPlane.findGateway(gateway)),
        },
      );
    }
    log(`lab ready in ${Date.now() - started} ms (data in ${dataDir})`);

    let stopping: Promise<void> | undefined;
    const lab: Lab = {
      dataDir,
      kubeconfigPath,
      kubeConfig: kc,
      apiserverUrl: apiserver.url,
      etcdUrl: etcd.url,
      caData: apiserver.caData,
      adminToken: apiserver.adminToken,
      token,
      engineServiceAccount,
      prometheusUrl: prometheus.url,
      prometheusCaData: prometheus.caData,
      prometheusBasicAuth: options.prometheus?.basicAuth,
      loadTesterUrl,
      metricsUrl: `http://${metricsTarget}/metrics`,
      sourceVersion: binaries.sourceVersion,
      get pids() {
        return Object.fromEntries(processes.map(p => [p.process.name, p.process.pid]));
      },
      dataPlane,
      setLoad({ service, ...spec }: LabLoad) {
        const parsed = parseLoadRequest(
          {
            ...spec,
            host: service ?? spec.host,
            namespace: spec.namespace ?? (spec.gateway ? undefined : 'default'),
          },
          dataPlane,
        );
        load.set(backgroundLoadId(parsed), parsed);
      },
      loads: () => load.list(),
      query: (promql: string): Promise<PrometheusSample[]> =>
        queryPrometheus(prometheus.url, promql, prometheus.fetch),
      serveInCluster: service => serveInCluster(kc, service),
      clusterConfig: name => clusterConfigOf(lab, name),
      async stopProcess(name, { kill = false } = {}) {
        await processNamed(name).process.stop(5000, kill ? 'SIGKILL' : undefined);
      },
      async startProcess(name) {
        const entry = processNamed(name);
        if (entry.process.running) throw new Error(`${name} (pid ${entry.process.pid}) is running: stopProcess it first`);
        entry.process = entry.process.startAgain();
        await entry.waitReady(entry.process);
      },
      stop: () => (stopping ??= stopAll()),
    };
    return lab;
  } catch (e) {
    await stopAll();
    throw e;
  }
}
