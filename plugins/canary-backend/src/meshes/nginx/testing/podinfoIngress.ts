import type { KubernetesObjectLike } from '@vane/plugin-canary-node';

/** Flagger's walkthrough Ingress (as its router tests write it, Flux's checksum included). */
export function podinfoIngress(
  annotations: Record<string, string> = {},
): KubernetesObjectLike {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      labels: { app: 'podinfo', 'kustomize.toolkit.fluxcd.io/name': 'apps' },
      annotations: {
        'kubernetes.io/ingress.class': 'nginx',
        'kustomize.toolkit.fluxcd.io/checksum': '0a40893bfdc5',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
        ...annotations,
      },
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
                  service: { name: 'podinfo', port: { number: 9898 } },
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
  };
}
