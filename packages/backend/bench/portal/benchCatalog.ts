import YAML from 'yaml';
import type { BenchService } from './benchWorkloads';

/** The guest of the benchmark's sign-in, a member of the first team. */
export const BENCH_GUEST = 'bench-guest';

/**
 * The benchmark's catalog file: one Component per service with `backstage.io/kubernetes-id`, so
 * Backstage's Kubernetes plugin finds its objects by label in every cluster; the owning groups;
 * and the guest user. `kubernetes-id` links Vane by the same label (its Deployment selection);
 * `vane-canary` adds `vane.dev/canary: <namespace>/<name>`, which names the Canary directly.
 */
export function benchCatalog(
  services: BenchService[],
  link: 'kubernetes-id' | 'vane-canary',
): string {
  const teams = [...new Set(services.map(s => s.team))];
  const entities = [
    ...teams.map(team => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: team },
      spec: { type: 'team', children: [] },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: BENCH_GUEST },
      spec: { memberOf: [teams[0]] },
    },
    ...services.map(service => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: service.name,
        annotations: {
          'backstage.io/kubernetes-id': service.name,
          ...(link === 'vane-canary'
            ? { 'vane.dev/canary': `${service.namespace}/${service.name}` }
            : {}),
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: service.team },
    })),
  ];
  return entities.map(entity => YAML.stringify(entity)).join('---\n');
}
