import type { KubernetesObject } from '@kubernetes/client-node';
import { INGRESS_NGINX_CONTROLLER } from './resolveAtIngressNginx';
import { INGRESS_NGINX_CONTROLLER_LABELS } from './ingressNginxEntrance';

/** The lab's ingress-nginx controller, as `setLoad({gateway})` and `mesh-lab load --gateway` name it. */
export const INGRESS_NGINX_GATEWAY = 'ingress-nginx/ingress-nginx-controller';

/**
 * ingress-nginx as its Helm chart installs it: the controller Deployment and LoadBalancer Service
 * `ingress-nginx/ingress-nginx-controller` (the chart's labels), and the IngressClass `nginx`
 * of controller `k8s.io/ingress-nginx` (not the default class, as in the chart), for the
 * Ingresses of Flagger's nginx walkthrough (`kubernetes.io/ingress.class: nginx` or
 * `ingressClassName: nginx`).
 */
export function ingressNginxObjects(): KubernetesObject[] {
  const [namespace, name] = INGRESS_NGINX_GATEWAY.split('/');
  const labels = { ...INGRESS_NGINX_CONTROLLER_LABELS };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'controller',
                image: 'registry.k8s.io/ingress-nginx/controller:v1.10.0',
                args: ['/nginx-ingress-controller', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx'],
                ports: [
                  { name: 'http', containerPort: 80 },
                  { name: 'metrics', containerPort: 10254 },
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
      spec: { type: 'LoadBalancer', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', labels },
      spec: { controller: INGRESS_NGINX_CONTROLLER },
    },
  ] as KubernetesObject[];
}
