import {
  PODINFO_OWNER,
  podinfoCanary,
} from '../../routers/testing/podinfoCanary';
import { buildGlooUpstream } from './buildGlooUpstream';

describe('buildGlooUpstream', () => {
  it.each(['primary', 'canary'] as const)(
    "given the seed canary, makes the %s Service's Upstream with Flagger's name",
    role => {
      expect(buildGlooUpstream(podinfoCanary(), role)).toEqual({
        apiVersion: 'gloo.solo.io/v1',
        kind: 'Upstream',
        metadata: {
          name: `test-podinfo-${role}upstream-9898`,
          namespace: 'test',
          ownerReferences: [PODINFO_OWNER],
        },
        spec: {
          kube: {
            serviceName: `podinfo-${role}`,
            serviceNamespace: 'test',
            servicePort: 9898,
          },
        },
      });
    },
  );

  it('given service.name, names the Upstream after the apex Service', () => {
    const upstream = buildGlooUpstream(
      podinfoCanary({ service: { name: 'frontend', port: 80 } }),
      'canary',
    );
    expect(upstream.metadata.name).toBe('test-frontend-canaryupstream-80');
    expect(upstream.spec).toEqual({
      kube: {
        serviceName: 'frontend-canary',
        serviceNamespace: 'test',
        servicePort: 80,
      },
    });
  });
});
