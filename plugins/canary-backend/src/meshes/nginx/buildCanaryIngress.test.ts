import type { KubernetesObjectLike } from '@vane/plugin-canary-node';
import { PODINFO_OWNER } from '../../routers/testing/podinfoCanary';
import { buildCanaryIngress } from './buildCanaryIngress';
import { nginxCanary } from './testing/nginxCanary';
import { podinfoIngress } from './testing/podinfoIngress';

const AB = {
  iterations: 10,
  stepWeight: undefined,
  maxWeight: undefined,
};

const canaryAnnotationsOf = (ingress: KubernetesObjectLike) =>
  Object.fromEntries(
    Object.entries(ingress.metadata.annotations ?? {}).filter(([key]) =>
      key.startsWith('nginx.ingress.kubernetes.io/canary'),
    ),
  );

describe('buildCanaryIngress', () => {
  it("given the walkthrough Ingress at weight 30, copies it as <ingress>-canary to the canary Service with Flagger's annotations", () => {
    expect(
      buildCanaryIngress(nginxCanary(), podinfoIngress(), {
        primaryWeight: 70,
        canaryWeight: 30,
        mirrored: false,
      }),
    ).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'podinfo-canary',
        namespace: 'test',
        labels: { app: 'podinfo' },
        annotations: {
          'kubernetes.io/ingress.class': 'nginx',
          'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
          'nginx.ingress.kubernetes.io/canary': 'true',
          'nginx.ingress.kubernetes.io/canary-weight': '30',
        },
        ownerReferences: [PODINFO_OWNER],
      },
      spec: {
        rules: [
          {
            host: 'app.example.com',
            http: {
              paths: [
                {
                  pathType: 'Prefix',
                  path: '/',
                  backend: {
                    service: { name: 'podinfo-canary', port: { number: 9898 } },
                  },
                },
                {
                  pathType: 'Prefix',
                  path: '/static',
                  backend: { service: { name: 'cdn', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it("drops the Ingress's own canary annotations, and leaves the Ingress as it was", () => {
    const ingress = podinfoIngress({
      'nginx.ingress.kubernetes.io/canary-by-header': 'x-old',
    });
    const before = structuredClone(ingress);
    const built = buildCanaryIngress(nginxCanary(), ingress, {
      primaryWeight: 100,
      canaryWeight: 0,
      mirrored: false,
    });
    expect(canaryAnnotationsOf(built)).toEqual({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '0',
    });
    expect(ingress).toEqual(before);
  });

  it("given Flagger's nginx A/B match (a header and a cookie), routes them while the canary takes traffic, everyone else at weight 0", () => {
    const canary = nginxCanary({
      analysis: {
        ...AB,
        match: [
          { headers: { 'x-canary': { exact: 'insider' } } },
          { headers: { cookie: { exact: 'canary' } } },
        ],
      },
    });
    const at = (canaryWeight: number) =>
      canaryAnnotationsOf(
        buildCanaryIngress(canary, podinfoIngress(), {
          primaryWeight: 100 - canaryWeight,
          canaryWeight,
          mirrored: false,
        }),
      );
    expect(at(100)).toEqual({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '0',
      'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'insider',
      'nginx.ingress.kubernetes.io/canary-by-cookie': 'canary',
    });
    // Promotion and rollback: Flagger resets them (makeAnnotations).
    expect(at(0)).toEqual({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '0',
    });
  });

  it.each([
    [{ regex: '^(insider|staff)$' }, '^(insider|staff)$'],
    [{ prefix: 'ins.' }, '^ins\\.'],
    [{ suffix: '.der' }, '\\.der$'],
  ])(
    'given a header match %j, writes it as canary-by-header-pattern %s',
    (match, pattern) => {
      const canary = nginxCanary({
        analysis: { ...AB, match: [{ headers: { 'X-Canary': match } }] },
      });
      expect(
        canaryAnnotationsOf(
          buildCanaryIngress(canary, podinfoIngress(), {
            primaryWeight: 0,
            canaryWeight: 100,
            mirrored: false,
          }),
        ),
      ).toMatchObject({
        'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary',
        'nginx.ingress.kubernetes.io/canary-by-header-pattern': pattern,
      });
    },
  );

  it("given a setHeaderRoute step in effect, routes its header beside the step's weight", () => {
    const canary = nginxCanary({
      analysis: {
        stepWeight: undefined,
        maxWeight: undefined,
        steps: [
          { setWeight: 20 },
          {
            setHeaderRoute: {
              name: 'beta',
              match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
            },
          },
          { pause: {} },
        ],
      },
    });
    expect(
      canaryAnnotationsOf(
        buildCanaryIngress(canary, podinfoIngress(), {
          primaryWeight: 80,
          canaryWeight: 20,
          mirrored: false,
          headerRoutes: [
            {
              name: 'beta',
              match: [{ headerName: 'x-beta', headerValue: { exact: 'yes' } }],
            },
          ],
        }),
      ),
    ).toEqual({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '20',
      'nginx.ingress.kubernetes.io/canary-by-header': 'x-beta',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'yes',
    });
  });

  it('given an Ingress without a path to the apex Service, says what to fix', () => {
    const ingress = podinfoIngress();
    (ingress.spec as any).rules[0].http.paths[0].backend.service.name = 'web';
    expect(() =>
      buildCanaryIngress(nginxCanary(), ingress, {
        primaryWeight: 100,
        canaryWeight: 0,
        mirrored: false,
      }),
    ).toThrow(
      'Canary test/podinfo: Ingress test/podinfo (spec.ingressRef) has no path to Service podinfo; point a path of it at the apex Service podinfo, whose canary copy provider nginx routes to podinfo-canary',
    );
  });
});
