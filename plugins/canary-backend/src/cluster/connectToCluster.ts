import {
  ClusterConnection,
  kubeConfigConnection,
  serviceAccountConnection,
} from './ClusterConnection';
import type { CanaryClusterConfig } from './readClusterConfigs';

/** The connection of one configured cluster (credentials stay in the backend). */
export async function connectToCluster(
  cluster: CanaryClusterConfig,
): Promise<ClusterConnection> {
  if (cluster.authProvider === 'kubeconfig') {
    // Only kubeconfig files pay for client-node (see ClusterConnection).
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(cluster.kubeconfigPath!);
    return kubeConfigConnection(kubeConfig);
  }
  return serviceAccountConnection({
    url: cluster.url,
    token: cluster.serviceAccountToken!,
    caData: cluster.caData,
    skipTLSVerify: cluster.skipTLSVerify,
  });
}
