import type { ValidCanarySpec } from '@vane/plugin-canary-common';

/** A Service port as Vane writes it. */
export interface CanaryServicePort {
  name: string;
  protocol: 'TCP';
  port: number;
  targetPort: number | string;
  appProtocol?: string;
}

/** The part of a container Flagger's port discovery reads. */
interface ContainerPorts {
  name?: string;
  ports?: Array<{ name?: string; containerPort?: number }>;
}

/** Mesh proxies Flagger leaves out of port discovery, by container name. */
const MESH_PROXIES = new Set(['istio-proxy', 'envoy']);

/** Whether the Services already expose this container port as `service.port`. */
function isExposed(
  service: Pick<ValidCanarySpec['service'], 'port' | 'targetPort'>,
  name: string | undefined,
  number: number,
): boolean {
  if (service.targetPort === undefined) return number === service.port;
  if (typeof service.targetPort === 'number') {
    return number === service.targetPort;
  }
  return name === service.targetPort;
}

/**
 * `service.portDiscovery`, as Flagger's getPorts does it: every container port of the target
 * except the mesh proxies' and the one the Services already expose (`service.targetPort` by
 * number or name, else `service.port`), each as a TCP port of the same number named after the
 * container port, or `tcp-<container>-<index>` when it has no name. A name given twice keeps the
 * last port, as Flagger's map does.
 */
export function discoverServicePorts(
  service: Pick<ValidCanarySpec['service'], 'port' | 'targetPort'>,
  containers: ContainerPorts[],
): CanaryServicePort[] {
  const byName = new Map<string, number>();
  for (const container of containers) {
    if (MESH_PROXIES.has(container.name ?? '')) continue;
    (container.ports ?? []).forEach((port, index) => {
      const number = port.containerPort;
      if (typeof number !== 'number') return;
      if (isExposed(service, port.name, number)) return;
      byName.set(port.name || `tcp-${container.name}-${index}`, number);
    });
  }
  return [...byName].map(([name, port]) => ({
    name,
    protocol: 'TCP',
    port,
    targetPort: port,
  }));
}
