import path from 'node:path';
import { ManagedProcess } from './ManagedProcess';

// Controllers that need real nodes, volumes or CSR signing are off: the lab has none of those.
const CONTROLLERS = [
  '*',
  '-nodeipam',
  '-nodelifecycle',
  '-ttl',
  '-bootstrapsigner',
  '-tokencleaner',
  '-csrsigning',
  '-csrapproving',
  '-csrcleaner',
  '-persistentvolume-binder',
  '-attachdetach',
  '-persistentvolume-expander',
  '-pv-protection',
  '-pvc-protection',
].join(',');

/** Starts kube-controller-manager against the lab's apiserver (Deployment -> ReplicaSet -> Pod, SA tokens, GC, endpoints). */
export function startControllerManager(
  binary: string,
  dir: string,
  options: { kubeconfig: string; serviceAccountKey: string; rootCaFile: string },
): ManagedProcess {
  return ManagedProcess.start(
    'kube-controller-manager',
    binary,
    [
      `--kubeconfig=${options.kubeconfig}`,
      '--leader-elect=false',
      `--service-account-private-key-file=${options.serviceAccountKey}`,
      `--root-ca-file=${options.rootCaFile}`,
      `--controllers=${CONTROLLERS}`,
      // Its default insecure port 10252 would clash between labs; the lab needs no health port.
      '--port=0',
      '--secure-port=0',
      '--bind-address=127.0.0.1',
      '--profiling=false',
      '--v=1',
    ],
    { logFile: path.join(dir, 'kube-controller-manager.log') },
  );
}
