/**
 * What the lab's data plane is sent for a URL a command names with a Host header (hey's
 * `-host`, curl's `-H 'Host: ...'`): the URL's host is where the request goes, which makes a
 * gateway Service's URL (`http://istio-ingressgateway.istio-system/`) enter that gateway,
 * and the Host header, when it differs, is what routes decide on.
 */
export function requestToUrl(
  url: URL,
  hostHeader: string | undefined,
  headers: Record<string, string>,
): { host: string; headers: Record<string, string> } {
  const host = url.hostname;
  if (!hostHeader || hostHeader === host) return { host, headers };
  return { host, headers: { ...headers, host: hostHeader } };
}
