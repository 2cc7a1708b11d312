import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { NginxRouter } from './NginxRouter';

/**
 * ingress-nginx: a canary Ingress beside the one `spec.ingressRef` names (networking.k8s.io,
 * which every cluster serves, so discovery never picks nginx: a Canary or the cluster's
 * `defaultProvider` names it). Its built-in queries are Flagger's nginx observer: the
 * controller's `nginx_ingress_controller_requests` and response durations of the Ingress's
 * canary traffic (`canary!=""`), by `{{ ingress }}`. The controller reports per Ingress and
 * Service, not per workload, so health reads the application's histogram (no `health`
 * telemetry).
 */
export const nginxMesh: MeshRouterFactory = {
  provider: NginxRouter.provider,
  create: context => new NginxRouter(context),
  refuse: NginxRouter.refuse,
  telemetry: [
    {
      name: 'nginx',
      builtinQueries: {
        'request-success-rate':
          'sum(rate(nginx_ingress_controller_requests{namespace="{{ namespace }}",ingress="{{ ingress }}",canary!="",status!~"5.*"}[{{ interval }}])) / sum(rate(nginx_ingress_controller_requests{namespace="{{ namespace }}",ingress="{{ ingress }}",canary!=""}[{{ interval }}])) * 100',
        'request-duration':
          'sum(rate(nginx_ingress_controller_response_duration_seconds_sum{namespace="{{ namespace }}",ingress="{{ ingress }}",canary!=""}[{{ interval }}])) / sum(rate(nginx_ingress_controller_response_duration_seconds_count{namespace="{{ namespace }}",ingress="{{ ingress }}",canary!=""}[{{ interval }}])) * 1000',
      },
    },
  ],
};
