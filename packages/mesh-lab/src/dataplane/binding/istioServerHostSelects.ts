import { wildcardHostMatches } from './wildcardHostMatches';

/**
 * Whether one of an Istio Gateway server's `hosts` lets a VirtualService of `vsNamespace`
 * serve `requestHost` there. Istio's Gateway reference: "A host is specified as a dnsName with
 * an optional namespace/ prefix ... Set the dnsName to * to select all VirtualService hosts from
 * the specified namespace (e.g., prod/*). The namespace can be set to * or ., representing any
 * or the current namespace, respectively ... The default, if no namespace/ is specified, is
 * [any namespace], that is, select services from any namespace." The current namespace of a
 * gateway is the Gateway's own.
 *
 * The route Istio builds at the gateway serves the intersection of the server's and the
 * VirtualService's hosts, so the request host has to match both: this checks the server side.
 */
export function istioServerHostSelects(
  serverHost: string,
  gatewayNamespace: string,
  vsNamespace: string,
  requestHost: string,
): boolean {
  const slash = serverHost.indexOf('/');
  const namespace = slash >= 0 ? serverHost.slice(0, slash) : '*';
  const dnsName = slash >= 0 ? serverHost.slice(slash + 1) : serverHost;
  const namespaceSelected =
    namespace === '*' || (namespace === '.' ? gatewayNamespace : namespace) === vsNamespace;
  return namespaceSelected && wildcardHostMatches(dnsName, requestHost);
}
