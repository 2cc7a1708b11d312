import type { Canary, ValidCanarySpec } from '@vane/plugin-canary-common';
import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { createMergePatch } from '../routers/createMergePatch';
import { isOwnedByCanary } from '../routers/isOwnedByCanary';

/** How one of the three Services is brought up to date. */
export interface CanaryServiceUpdateOptions {
  canary: Canary;
  /** `service.unmanagedMetadata`: label and annotation keys others set, which Vane keeps. */
  unmanagedMetadata?: ValidCanarySpec['service']['unmanagedMetadata'];
  /**
   * Leave the pod selector as it is: once initialised, the apex Service's selector belongs to the
   * router (provider kubernetes switches it between primary and canary).
   */
  keepSelector?: boolean;
}

type Port = Record<string, unknown> & { name?: string; port?: number };

/** A port as the API server stores it, defaults filled in, for comparing like with like. */
function normalizedPort(port: Port) {
  return {
    name: port.name ?? '',
    protocol: port.protocol ?? 'TCP',
    port: port.port,
    targetPort: port.targetPort ?? port.port,
    appProtocol: port.appProtocol,
    nodePort: port.nodePort,
  };
}

function samePorts(current: Port[], desired: Port[]): boolean {
  const sorted = (ports: Port[]) =>
    JSON.stringify(
      ports
        .map(normalizedPort)
        .sort(
          (a, b) =>
            Number(a.port) - Number(b.port) || a.name.localeCompare(b.name),
        ),
    );
  return sorted(current) === sorted(desired);
}

/** The keys of `keys` that `current` has, with their values there. */
function kept(current: Record<string, string> | undefined, keys?: string[]) {
  return Object.fromEntries(
    (keys ?? []).flatMap(key =>
      current?.[key] !== undefined ? [[key, current[key]]] : [],
    ),
  );
}

/**
 * The JSON merge patch that brings an existing Service to the one buildCanaryServices built, or
 * undefined when it is up to date (no request), as Flagger's reconcileService does it:
 * - ports and pod selector follow the Canary (a NodePort keeps its node ports);
 * - on a Service the Canary owns, labels and annotations become exactly those of `service.apex`,
 *   `.primary` or `.canary` plus `app`, except the keys `service.unmanagedMetadata` lists, which
 *   keep the value someone else gave them; any other label or annotation is removed. A Service
 *   Vane adopted (the apex, created before the Canary) keeps its metadata untouched.
 * A Service cannot become headless or stop being headless (Kubernetes keeps a clusterIP for
 * life): that is an error naming the Service, and the way out.
 */
export function canaryServiceUpdate(
  current: KubernetesObjectLike,
  desired: KubernetesObjectLike,
  options: CanaryServiceUpdateOptions,
): Record<string, unknown> | undefined {
  const currentSpec = (current.spec ?? {}) as Record<string, any>;
  const desiredSpec = (desired.spec ?? {}) as Record<string, any>;
  const id = `${desired.metadata.namespace}/${desired.metadata.name}`;

  const wantsHeadless = desiredSpec.clusterIP === 'None';
  if (
    currentSpec.clusterIP !== undefined &&
    (currentSpec.clusterIP === 'None') !== wantsHeadless
  ) {
    throw new Error(
      `Service ${id} ${
        wantsHeadless
          ? `has clusterIP ${currentSpec.clusterIP} and service.headless asks for a headless Service`
          : 'is headless and service.headless asks for a Service with a clusterIP'
      }: Kubernetes cannot change the clusterIP of a Service; delete the Service and Vane creates it again`,
    );
  }

  const spec: Record<string, unknown> = {};
  const currentPorts: Port[] = currentSpec.ports ?? [];
  // As Flagger: a port of an existing NodePort Service keeps its node port.
  const desiredPorts = (desiredSpec.ports as Port[]).map(port => {
    const nodePort = currentPorts.find(p => p.name === port.name)?.nodePort;
    return typeof nodePort === 'number' && nodePort > 0
      ? { ...port, nodePort }
      : port;
  });
  if (!samePorts(currentPorts, desiredPorts)) {
    spec.ports = desiredPorts;
  }
  if (!options.keepSelector) {
    const selector = createMergePatch(
      currentSpec.selector ?? {},
      desiredSpec.selector ?? {},
    );
    if (selector) spec.selector = selector;
  }
  if (currentSpec.trafficDistribution !== desiredSpec.trafficDistribution) {
    spec.trafficDistribution = desiredSpec.trafficDistribution ?? null;
  }

  const metadata: Record<string, unknown> = {};
  if (isOwnedByCanary(current, options.canary)) {
    const unmanaged = options.unmanagedMetadata;
    const labels = createMergePatch(current.metadata.labels ?? {}, {
      ...desired.metadata.labels,
      ...kept(current.metadata.labels, unmanaged?.labels),
    });
    const annotations = createMergePatch(current.metadata.annotations ?? {}, {
      ...desired.metadata.annotations,
      ...kept(current.metadata.annotations, unmanaged?.annotations),
    });
    if (labels) metadata.labels = labels;
    if (annotations) metadata.annotations = annotations;
  }

  const patch: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) patch.metadata = metadata;
  if (Object.keys(spec).length > 0) patch.spec = spec;
  return Object.keys(patch).length > 0 ? patch : undefined;
}
