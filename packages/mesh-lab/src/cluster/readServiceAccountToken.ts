import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { waitFor } from '../controlplane/waitFor';

/**
 * Reads a ServiceAccount's token from the Secret that the controller-manager's tokens
 * controller creates for it (Kubernetes 1.20 still auto-creates these).
 */
export async function readServiceAccountToken(
  kc: KubeConfig,
  namespace: string,
  name: string,
): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  return waitFor(
    `a token Secret for ServiceAccount ${namespace}/${name} (created by the controller-manager's tokens controller)`,
    async () => {
      const secrets = await core.listNamespacedSecret({ namespace });
      const secret = secrets.items.find(
        s =>
          s.type === 'kubernetes.io/service-account-token' &&
          s.metadata?.annotations?.['kubernetes.io/service-account.name'] === name &&
          s.data?.token,
      );
      return secret ? Buffer.from(secret.data!.token!, 'base64').toString('utf8') : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}
