/**
 * Whether a host pattern of a route or gateway covers a concrete request host, by the wildcard
 * rule Istio and Gateway API share:
 * - `*` covers every host;
 * - `*.example.com` covers any host ending in `.example.com`, one or more labels deep
 *   (`www.example.com`, `a.b.example.com`), but not `example.com` itself;
 * - anything else covers only itself (case-insensitive).
 *
 * Istio: `host.Name.Matches` (pkg/config/host/name.go) is a suffix match on the part after `*`;
 * the Gateway `servers[].hosts` reference says "`*.example.com` ... a VirtualService with hosts
 * dev.example.com or prod.example.com will match. However, a VirtualService with host
 * example.com or newexample.com will not match". Gateway API (concepts/hostnames): "the wildcard
 * is defined as matching one or more DNS Labels ... `*.example.com` matches `www.example.com` and
 * `sub.domain.example.com`, but not `example.com`".
 */
export function wildcardHostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return p === h;
}
