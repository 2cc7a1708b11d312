import { KubeConfig } from '@kubernetes/client-node';
import type { CanaryClusterConfig } from './readClusterConfigs';

/** A client-node KubeConfig for one configured cluster (credentials stay in the backend). */
export function createKubeConfig(cluster: CanaryClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  if (cluster.authProvider === 'kubeconfig') {
    kc.loadFromFile(cluster.kubeconfigPath!);
    return kc;
  }
  // caData may be base64 (as in kubeconfigs) or a PEM pasted as is.
  const caData = cluster.caData?.includes('BEGIN CERTIFICATE')
    ? Buffer.from(cluster.caData).toString('base64')
    : cluster.caData;
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        ...(caData ? { caData } : {}),
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [{ name: 'vane-canary', token: cluster.serviceAccountToken }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'vane-canary' },
    ],
    currentContext: cluster.name,
  });
  return kc;
}
