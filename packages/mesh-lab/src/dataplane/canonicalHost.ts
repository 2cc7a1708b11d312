/**
 * Normalises a host as a mesh resolves it: `podinfo` (in namespace test), `podinfo.test`,
 * `podinfo.test.svc` and `podinfo.test.svc.cluster.local` all name the same Service; other
 * names (www.example.com) stay as they are.
 */
export function canonicalHost(host: string, namespace: string): string {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const parts = name.split('.');
  if (parts.length === 1) return `${name}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${name}.svc.cluster.local`;
  if (parts.length === 3 && parts[2] === 'svc') return `${name}.cluster.local`;
  return name;
}

/** The Service a canonical host names, if it names one. */
export function serviceOfHost(canonical: string): { service: string; namespace: string } | undefined {
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(canonical);
  return m ? { service: m[1], namespace: m[2] } : undefined;
}
