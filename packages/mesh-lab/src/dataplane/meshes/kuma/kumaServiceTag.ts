/** A Service port as Kuma names it in the `kuma.io/service` tag. */
export interface KumaServicePort {
  service: string;
  namespace: string;
  port: number;
}

/** The `kuma.io/service` tag Kuma gives a Kubernetes Service's port: `<name>_<namespace>_svc_<port>`. */
export function kumaServiceTag(port: KumaServicePort): string {
  return `${port.service}_${port.namespace}_svc_${port.port}`;
}

/** The Service port a `kuma.io/service` tag names; undefined for other services (external ones, gateways). */
export function parseKumaServiceTag(tag: string): KumaServicePort | undefined {
  // Kubernetes names hold no underscore, so the tag splits unambiguously.
  const m = /^([a-z0-9-.]+)_([a-z0-9-]+)_svc_(\d+)$/.exec(tag);
  return m ? { service: m[1], namespace: m[2], port: Number(m[3]) } : undefined;
}
