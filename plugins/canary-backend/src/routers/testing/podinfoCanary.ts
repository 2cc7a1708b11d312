import type { Canary, CanarySpec } from '@vane/plugin-canary-common';

/**
 * The seed walkthrough's Canary (podinfo in namespace test, port 9898, stepWeight 20 up to 80),
 * with overrides for one scenario. `service` and `analysis` overrides merge into the defaults.
 */
export function podinfoCanary(
  overrides: {
    service?: Partial<CanarySpec['service']> & Record<string, unknown>;
    analysis?: Partial<CanarySpec['analysis']> & Record<string, unknown>;
    provider?: string;
  } = {},
): Canary {
  return {
    apiVersion: 'delivery.vane.dev/v1alpha1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test', uid: 'uid-podinfo' },
    spec: {
      ...(overrides.provider ? { provider: overrides.provider } : {}),
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898, ...overrides.service },
      analysis: {
        interval: '1m',
        threshold: 3,
        maxWeight: 80,
        stepWeight: 20,
        ...overrides.analysis,
      },
    },
  };
}

/** The owner reference every router puts on the objects it creates for podinfoCanary(). */
export const PODINFO_OWNER = {
  apiVersion: 'delivery.vane.dev/v1alpha1',
  kind: 'Canary',
  name: 'podinfo',
  uid: 'uid-podinfo',
  controller: true,
  blockOwnerDeletion: true,
};
