/** A ConfigMap or Secret a pod template reads, by volume, envFrom or env valueFrom. */
export interface ConfigReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
}

/**
 * Walks a pod template and calls `visit` for every ConfigMap/Secret name it references; `visit`
 * may return a new name, which is written back (used to point the primary at its copies).
 */
export function visitConfigReferences(
  template: any,
  visit: (ref: ConfigReference) => string | void,
): void {
  const rename = (
    holder: any,
    field: string,
    kind: ConfigReference['kind'],
  ) => {
    if (holder && typeof holder[field] === 'string') {
      const next = visit({ kind, name: holder[field] });
      if (typeof next === 'string') {
        holder[field] = next;
      }
    }
  };
  const spec = template?.spec ?? {};
  for (const volume of spec.volumes ?? []) {
    rename(volume.configMap, 'name', 'ConfigMap');
    rename(volume.secret, 'secretName', 'Secret');
    for (const source of volume.projected?.sources ?? []) {
      rename(source.configMap, 'name', 'ConfigMap');
      rename(source.secret, 'name', 'Secret');
    }
  }
  for (const container of [
    ...(spec.initContainers ?? []),
    ...(spec.containers ?? []),
  ]) {
    for (const from of container.envFrom ?? []) {
      rename(from.configMapRef, 'name', 'ConfigMap');
      rename(from.secretRef, 'name', 'Secret');
    }
    for (const env of container.env ?? []) {
      rename(env.valueFrom?.configMapKeyRef, 'name', 'ConfigMap');
      rename(env.valueFrom?.secretKeyRef, 'name', 'Secret');
    }
  }
}

/** The distinct ConfigMaps and Secrets a pod template references. */
export function configReferences(template: unknown): ConfigReference[] {
  const found = new Map<string, ConfigReference>();
  visitConfigReferences(template, ref => {
    found.set(`${ref.kind}/${ref.name}`, ref);
  });
  return [...found.values()];
}
