/**
 * Where a request that a load tester command names (a curl or hey URL) goes in the simulated
 * mesh: the host that routes it (the Host header or hey's -host, else the URL's host, resolved
 * from the Canary's namespace as the load tester's DNS would) and the path. The one place a
 * command's URL meets the data plane, for curl's single request and hey's load stream alike.
 */
export function meshRequestOfUrl(
  url: URL,
  options: { hostHeader?: string; namespace: string },
): { host: string; namespace: string; path: string } {
  return {
    host: options.hostHeader ?? url.hostname,
    namespace: options.namespace,
    path: url.pathname + url.search,
  };
}
