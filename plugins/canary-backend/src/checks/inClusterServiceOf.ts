import type { ClusterService } from '../cluster/serviceProxyRequest';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The Service a webhook URL names by its in-cluster DNS name (`<service>.<namespace>`,
 * `...svc`, `...svc.cluster.local`, as Flagger's docs write `http://flagger-loadtester.test/`),
 * with the path and query to ask it; undefined for any other host (an IP, a public name with
 * more labels), which is called directly.
 */
export function inClusterServiceOf(
  webhookUrl: string,
): { target: ClusterService; pathAndQuery: string } | undefined {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const labels = url.hostname.replace(/\.$/, '').split('.');
  const [service, namespace, ...rest] = labels;
  const suffix = rest.join('.');
  if (
    labels.length < 2 ||
    !['', 'svc', 'svc.cluster.local'].includes(suffix) ||
    !DNS_LABEL.test(service) ||
    !DNS_LABEL.test(namespace) ||
    // 10.0.0.1 is no Service name (and a top-level domain is never all digits).
    /^[0-9]+$/.test(namespace)
  ) {
    return undefined;
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  return {
    target: {
      namespace,
      service,
      port: url.port || (scheme === 'https' ? '443' : '80'),
      scheme,
    },
    pathAndQuery: `${url.pathname}${url.search}`,
  };
}
