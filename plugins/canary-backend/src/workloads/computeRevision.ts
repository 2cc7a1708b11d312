import { createHash } from 'node:crypto';

/**
 * The revision of a target: a hash of its pod template and of the data of the ConfigMaps and
 * Secrets it references, so a config change is a new rollout too. Keys are sorted so the hash
 * does not depend on the order the API server returns fields in.
 */
export function computeRevision(
  template: unknown,
  configs: Array<{
    kind: string;
    name: string;
    data?: unknown;
    binaryData?: unknown;
  }>,
): string {
  const hash = createHash('sha256');
  hash.update(stableJson(template ?? {}));
  for (const config of [...configs].sort((a, b) =>
    `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`),
  )) {
    hash.update(`\n${config.kind}/${config.name}\n`);
    hash.update(
      stableJson({
        data: config.data ?? {},
        binaryData: config.binaryData ?? {},
      }),
    );
  }
  return hash.digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableJson((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
