import type {
  KubernetesObjectLike,
  KubernetesOwnerReference,
} from '@vane/plugin-canary-node';

/**
 * The three Services of a Canary, as Flagger makes them: `<name>` (apex, selects the primary; the
 * mesh routes it), `<name>-primary` and `<name>-canary` (the routers' destinations).
 */
export function buildCanaryServices(options: {
  name: string;
  namespace: string;
  port: number;
  targetPort?: number | string;
  portName?: string;
  primarySelector: Record<string, string>;
  canarySelector: Record<string, string>;
  owner: KubernetesOwnerReference;
}): KubernetesObjectLike[] {
  const service = (
    name: string,
    selector: Record<string, string>,
  ): KubernetesObjectLike => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: options.namespace,
      labels: { app: name },
      ownerReferences: [options.owner],
    },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [
        {
          name: options.portName ?? 'http',
          protocol: 'TCP',
          port: options.port,
          targetPort: options.targetPort ?? options.port,
        },
      ],
    },
  });
  return [
    service(options.name, options.primarySelector),
    service(`${options.name}-primary`, options.primarySelector),
    service(`${options.name}-canary`, options.canarySelector),
  ];
}
