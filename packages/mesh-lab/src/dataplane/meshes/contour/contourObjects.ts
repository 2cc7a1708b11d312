import type { KubernetesObject } from '@kubernetes/client-node';
import { CONTOUR_ENVOY_LABELS } from './contourEnvoyEntrance';

/** The lab's Contour Envoy, as `setLoad({gateway})` and `mesh-lab load --gateway` name it. */
export const CONTOUR_GATEWAY = 'projectcontour/envoy';

/**
 * Contour's Envoy as its quickstart (examples/contour) deploys it: the DaemonSet and
 * LoadBalancer Service `projectcontour/envoy` (`app: envoy`, port 80 to Envoy's 8080), for the
 * HTTPProxies of Flagger's Contour walkthrough. No Contour control plane runs: the lab's data
 * plane reads the HTTPProxies itself.
 */
export function contourObjects(): KubernetesObject[] {
  const [namespace, name] = CONTOUR_GATEWAY.split('/');
  const labels = { ...CONTOUR_ENVOY_LABELS };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'envoy',
                image: 'docker.io/envoyproxy/envoy:v1.29.2',
                args: ['-c', '/config/envoy.json', '--service-cluster', namespace],
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name: 'https', containerPort: 8443 },
                ],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels },
      spec: {
        type: 'LoadBalancer',
        selector: labels,
        ports: [
          { name: 'http', port: 80, targetPort: 8080 },
          { name: 'https', port: 443, targetPort: 8443 },
        ],
      },
    },
  ] as KubernetesObject[];
}
