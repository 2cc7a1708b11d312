import { createHash } from 'node:crypto';
import { stableJson } from './stableJson';

/**
 * The revision of a target: a hash of its pod template and of the data digests of the ConfigMaps
 * and Secrets it references (`configDataDigest`), so a config change is a new rollout too. Keys
 * are sorted so the hash does not depend on the order the API server returns fields in.
 */
export function computeRevision(
  template: unknown,
  configs: Array<{
    kind: string;
    name: string;
    dataDigest: string;
  }>,
): string {
  const hash = createHash('sha256');
  hash.update(stableJson(template ?? {}));
  for (const config of [...configs].sort((a, b) =>
    `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`),
  )) {
    hash.update(`\n${config.kind}/${config.name}\n${config.dataDigest}`);
  }
  return hash.digest('hex').slice(0, 16);
}
