/**
 * A VirtualService host as Istio reads it (ResolveShortnameToFQDN, pilot/pkg/model): a short
 * name is a Service of the VirtualService's namespace ("Istio will interpret the short name
 * based on the namespace of the rule, not the service"); `*` and any name with a dot are taken
 * as written.
 */
export function resolveIstioHost(host: string, namespace: string): string {
  const name = host.toLowerCase();
  if (name === '*' || name.includes('.')) return name;
  return `${name}.${namespace}.svc.cluster.local`;
}
