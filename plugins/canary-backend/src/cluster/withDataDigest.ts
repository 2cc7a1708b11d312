import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { configDataDigest } from '../workloads/configDataDigest';

/** A ConfigMap or Secret as the cluster cache holds it: no data, only its digest. */
export type DigestedConfig = KubernetesObjectLike & { dataDigest: string };

/**
 * A ConfigMap or Secret without its `data`, `binaryData` and `stringData`, but with their digest
 * (`configDataDigest`). The cache watches every one in the cluster to see config changes; holding
 * their data would keep every Secret of every cluster (Helm keeps releases in Secrets) in the
 * backend's memory. The engine reads the data from the API server only when it copies a config.
 */
export function withDataDigest(object: KubernetesObjectLike): DigestedConfig {
  const {
    data: _data,
    binaryData: _binaryData,
    stringData: _stringData,
    ...rest
  } = object as KubernetesObjectLike & Record<string, unknown>;
  return { ...rest, dataDigest: configDataDigest(object as any) };
}
