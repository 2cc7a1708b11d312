import type { Canary } from '@vane/plugin-canary-common';
import { podinfoCanary } from '../../../routers/testing/podinfoCanary';

/** Flagger's walkthrough Canary on provider nginx: its ingressRef names the Ingress podinfo. */
export function nginxCanary(
  overrides: Parameters<typeof podinfoCanary>[0] = {},
): Canary {
  const canary = podinfoCanary({ provider: 'nginx', ...overrides });
  (canary.spec as any).ingressRef = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    name: 'podinfo',
  };
  return canary;
}
