/**
 * Where a request that a load tester command names (a curl or hey URL) goes in the simulated
 * mesh: to the URL's host, resolved from the Canary's namespace as the load tester's DNS would
 * (a gateway's Service, `http://istio-ingressgateway.istio-system/`, enters that gateway), with
 * the Host header (curl's `-H 'Host: ...'`, hey's `-host`) that routes decide on when it differs,
 * and the path. The one place a command's URL meets the data plane, for curl's single request
 * and hey's load stream alike.
 */
export function meshRequestOfUrl(
  url: URL,
  options: { hostHeader?: string; headers?: Record<string, string>; namespace: string },
): { host: string; namespace: string; path: string; headers: Record<string, string> } {
  const headers = { ...options.headers };
  if (options.hostHeader && options.hostHeader !== url.hostname) headers.host = options.hostHeader;
  return {
    host: url.hostname,
    namespace: options.namespace,
    path: url.pathname + url.search,
    headers,
  };
}
