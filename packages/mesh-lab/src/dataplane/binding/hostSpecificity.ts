/**
 * How specific a host pattern is, for choosing among several that cover a request: a precise
 * host beats any wildcard, a longer wildcard suffix beats a shorter one, and `*` comes last.
 *
 * That is Envoy's virtual host order, which Istio's gateways and sidecars build on ("exact
 * domain names, then suffix wildcards longest first, then `*`"), and Gateway API's Listener and
 * Route precedence (concepts/hostnames: "exact matches, most specific wildcard match to request
 * hostname, general wildcard match").
 */
export function hostSpecificity(pattern: string): number {
  if (pattern === '*') return 0;
  if (pattern.startsWith('*.')) return pattern.length - 1;
  // Above every wildcard (hostnames are at most 253 characters).
  return 1000 + pattern.length;
}
