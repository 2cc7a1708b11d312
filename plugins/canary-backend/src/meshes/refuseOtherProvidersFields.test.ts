import type { Canary } from '@vane/plugin-canary-common';
import { podinfoCanary } from '../routers/testing/podinfoCanary';
import { refusedRouting } from './refusedRouting';
import { BUILTIN_MESHES } from './BUILTIN_MESHES';

const withIngressRef = (provider: string): Canary => {
  const canary = podinfoCanary({ provider });
  (canary.spec as any).ingressRef = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    name: 'podinfo',
  };
  return canary;
};
const mesh = (provider: string) =>
  BUILTIN_MESHES.find(m => m.provider === provider)!;

describe('refuseOtherProvidersFields', () => {
  it.each(['istio', 'gatewayapi', 'smi', 'contour'])(
    "refuses Flagger's ingressRef on provider %s, which routes no Ingress",
    provider => {
      expect(refusedRouting(mesh(provider), withIngressRef(provider))).toBe(
        `ingressRef is not supported by provider ${provider}: it names the Ingress whose canary copy provider nginx writes; remove it, or use provider nginx`,
      );
    },
  );

  it('lets provider nginx read it', () => {
    expect(
      refusedRouting(mesh('nginx'), withIngressRef('nginx')),
    ).toBeUndefined();
  });
});
