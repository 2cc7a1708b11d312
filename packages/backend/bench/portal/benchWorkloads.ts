/** One benchmark service: its Deployment and Canary live in one lab, its entity in the catalog. */
export interface BenchService {
  /** Deployment, Canary and catalog entity name, and its `backstage.io/kubernetes-id`. */
  name: string;
  namespace: string;
  cluster: string;
  /** The owning group's name (`group:default/<team>`). */
  team: string;
}

/** How many Canaries share a namespace, as a team would group its services. */
const SERVICES_PER_NAMESPACE = 50;

/**
 * Spreads `count` services over the clusters (first half on the first cluster, and so on) and
 * over `teams` owning groups in turn, so every team has services in every cluster.
 */
export function planBenchServices(options: {
  count: number;
  clusters: string[];
  teams: number;
}): BenchService[] {
  const { count, clusters, teams } = options;
  const perCluster = Math.ceil(count / clusters.length);
  const width = String(count - 1).length;
  return Array.from({ length: count }, (_, index) => {
    const clusterIndex = Math.floor(index / perCluster);
    const indexInCluster = index - clusterIndex * perCluster;
    return {
      name: `svc-${String(index).padStart(width, '0')}`,
      namespace: `bench-${clusterIndex}-${Math.floor(
        indexInCluster / SERVICES_PER_NAMESPACE,
      )}`,
      cluster: clusters[clusterIndex],
      team: `team-${index % teams}`,
    };
  });
}

/**
 * The Kubernetes objects of one cluster's services: Namespaces first, then per service a
 * Deployment labelled with `backstage.io/kubernetes-id` (so Backstage's Kubernetes plugin finds
 * it and its pods) and a Canary targeting it. The analysis interval is long: after
 * initialisation the engine idles, and the benchmark measures the read path.
 */
export function benchWorkloads(services: BenchService[]): object[] {
  const namespaces = [...new Set(services.map(s => s.namespace))];
  return [
    ...namespaces.map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    ...services.flatMap(({ name, namespace }) => {
      const labels = { app: name, 'backstage.io/kubernetes-id': name };
      return [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace, labels },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: name } },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  { name: 'app', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' },
                ],
              },
            },
          },
        },
        {
          apiVersion: 'delivery.vane.dev/v1alpha1',
          kind: 'Canary',
          metadata: { name, namespace },
          spec: {
            provider: 'istio',
            targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
            service: { port: 9898 },
            analysis: {
              interval: '1m',
              threshold: 3,
              maxWeight: 50,
              stepWeight: 10,
              metrics: [
                { name: 'request-success-rate', thresholdRange: { min: 99 } },
              ],
            },
          },
        },
      ];
    }),
  ];
}
