// Objects the route tests put in the memory caches and the mock catalog.
import type { Entity } from '@backstage/catalog-model';

export function componentEntity(
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

export function canaryObject(
  namespace: string,
  name: string,
  status: Record<string, unknown> = {},
  analysis: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { namespace, name },
    spec: {
      provider: 'istio',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      service: { port: 9898 },
      analysis: {
        interval: '30s',
        threshold: 3,
        maxWeight: 80,
        stepWeight: 20,
        metrics: [
          {
            name: 'request-success-rate',
            thresholdRange: { min: 99 },
            interval: '1m',
          },
        ],
        ...analysis,
      },
    },
    status,
  };
}

export function deploymentObject(
  namespace: string,
  name: string,
  image: string,
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace, name, labels },
    spec: {
      template: { spec: { containers: [{ name: 'podinfod', image }] } },
    },
  };
}
