import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import {
  readPrometheusConfig,
  type PrometheusConfig,
} from '../metrics/readPrometheusConfig';

/** One entry of `canary.clusters`, read and checked. */
export interface CanaryClusterConfig {
  name: string;
  url: string;
  authProvider: 'serviceAccount' | 'kubeconfig';
  serviceAccountToken?: string;
  kubeconfigPath?: string;
  caData?: string;
  skipTLSVerify: boolean;
  defaultProvider?: string;
  /** How the cluster's Prometheus is reached (at a URL, or through the API server's proxy). */
  prometheus?: PrometheusConfig;
  /**
   * Webhook URLs that name a Service of the cluster (`http://<service>.<namespace>/...`) are
   * sent through the API server's service proxy, for a backend outside the cluster.
   */
  webhooksViaServiceProxy: boolean;
}

/**
 * Reads `canary.clusters` from app-config. A bad entry stops the backend with a message that
 * names the entry and the field, rather than a cluster silently missing from the portal.
 */
export function readClusterConfigs(config: Config): CanaryClusterConfig[] {
  const entries = config.getOptionalConfigArray('canary.clusters') ?? [];
  const names = new Set<string>();
  return entries.map((entry, index) => {
    const where = `canary.clusters[${index}]`;
    const name = entry.getString('name');
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw new InputError(
        `${where}.name must be a lowercase DNS label (got "${name}")`,
      );
    }
    if (names.has(name)) {
      throw new InputError(
        `${where}.name "${name}" is used by another cluster`,
      );
    }
    names.add(name);
    const authProvider = (entry.getOptionalString('authProvider') ??
      'serviceAccount') as CanaryClusterConfig['authProvider'];
    if (authProvider !== 'serviceAccount' && authProvider !== 'kubeconfig') {
      throw new InputError(
        `${where}.authProvider must be serviceAccount or kubeconfig (got "${authProvider}")`,
      );
    }
    let serviceAccountToken = entry.getOptionalString('serviceAccountToken');
    const tokenFile = entry.getOptionalString('serviceAccountTokenFile');
    if (!serviceAccountToken && tokenFile) {
      serviceAccountToken = fs.readFileSync(tokenFile, 'utf8').trim();
    }
    const kubeconfigPath = entry.getOptionalString('kubeconfigPath');
    if (authProvider === 'serviceAccount' && !serviceAccountToken) {
      throw new InputError(
        `${where} (${name}) needs serviceAccountToken or serviceAccountTokenFile`,
      );
    }
    if (authProvider === 'kubeconfig' && !kubeconfigPath) {
      throw new InputError(
        `${where} (${name}) needs kubeconfigPath with authProvider kubeconfig`,
      );
    }
    return {
      name,
      url: entry.getString('url'),
      authProvider,
      serviceAccountToken,
      kubeconfigPath,
      caData: entry.getOptionalString('caData'),
      skipTLSVerify: entry.getOptionalBoolean('skipTLSVerify') ?? false,
      defaultProvider: entry.getOptionalString('defaultProvider'),
      prometheus: readPrometheusConfig(
        entry.getOptionalConfig('prometheus'),
        `${where}.prometheus`,
      ),
      webhooksViaServiceProxy:
        entry.getOptionalBoolean('webhooks.viaServiceProxy') ?? false,
    };
  });
}
