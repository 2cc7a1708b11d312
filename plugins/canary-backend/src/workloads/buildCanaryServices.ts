import type { ValidCanarySpec } from '@vane/plugin-canary-common';
import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';
import {
  CanaryServicePort,
  discoverServicePorts,
} from './discoverServicePorts';

/** The fields of `spec.service` that shape the three Services. */
export type CanaryServiceSpec = Pick<
  ValidCanarySpec['service'],
  | 'port'
  | 'targetPort'
  | 'portName'
  | 'appProtocol'
  | 'trafficDistribution'
  | 'portDiscovery'
  | 'headless'
  | 'apex'
  | 'primary'
  | 'canary'
>;

/**
 * The three Services of a Canary, as Flagger makes them: `<name>` (apex, selects the primary; the
 * mesh routes it), `<name>-primary` and `<name>-canary` (the routers' destinations). Each gets
 * the labels and annotations of `service.apex`, `service.primary` or `service.canary`, and the
 * label `app: <its name>`, which wins over a custom `app` label as in Flagger. The ports are
 * `service.port` (with `appProtocol`) and, with `portDiscovery`, the target's other container
 * ports; `headless` makes them headless (`clusterIP: None`).
 */
export function buildCanaryServices(options: {
  name: string;
  namespace: string;
  service: CanaryServiceSpec;
  /** The target's containers, whose ports `service.portDiscovery` adds. */
  containers?: Array<Record<string, any>>;
  primarySelector: Record<string, string>;
  canarySelector: Record<string, string>;
  owner: KubernetesOwnerReference;
}): KubernetesObjectLike[] {
  const { service } = options;
  const ports: CanaryServicePort[] = [
    {
      name: service.portName || 'http',
      protocol: 'TCP',
      port: service.port,
      targetPort: service.targetPort ?? service.port,
      ...(service.appProtocol ? { appProtocol: service.appProtocol } : {}),
    },
    ...(service.portDiscovery
      ? discoverServicePorts(service, options.containers ?? [])
      : []),
  ];
  const build = (
    name: string,
    selector: Record<string, string>,
    metadata: CanaryServiceSpec['apex'],
  ): KubernetesObjectLike => {
    const annotations = metadata?.annotations ?? {};
    return {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace: options.namespace,
        labels: { ...metadata?.labels, app: name },
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        ownerReferences: [options.owner],
      },
      spec: {
        type: 'ClusterIP',
        ...(service.headless ? { clusterIP: 'None' } : {}),
        selector,
        ports,
        ...(service.trafficDistribution
          ? { trafficDistribution: service.trafficDistribution }
          : {}),
      },
    };
  };
  return [
    build(options.name, options.primarySelector, service.apex),
    build(`${options.name}-primary`, options.primarySelector, service.primary),
    build(`${options.name}-canary`, options.canarySelector, service.canary),
  ];
}
