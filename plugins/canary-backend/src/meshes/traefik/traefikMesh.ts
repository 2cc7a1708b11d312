import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { TraefikRouter } from './TraefikRouter';

/**
 * The canary Service as Traefik's kubernetescrd provider names it in a TraefikService,
 * `<namespace>-<apex>-canary-<port>@kubernetescrd`. Flagger's regex, keyed on the apex Service
 * (`{{ service }}`) the name is made of rather than Flagger's `{{ target }}`, which is the same
 * name unless `service.name` is set (and which the analysis charts would fill with the
 * primary's name, matching no service).
 */
const CANARY_SERVICE =
  'service=~"{{ namespace }}-{{ service }}-canary-[0-9a-zA-Z-]+@kubernetescrd"';

/**
 * Traefik: a TraefikService (traefik.io); the built-in metrics are Flagger's, from Traefik's
 * service metrics (the answers' codes in the duration histogram's +Inf bucket). Those are per
 * Traefik service, not per workload, so the health card reads the application's own histogram.
 */
export const traefikMesh: MeshRouterFactory = {
  provider: TraefikRouter.provider,
  create: context => new TraefikRouter(context),
  refuse: TraefikRouter.refuse,
  apiGroups: ['traefik.io'],
  telemetry: [
    {
      name: 'traefik',
      builtinQueries: {
        'request-success-rate': `sum(rate(traefik_service_request_duration_seconds_bucket{${CANARY_SERVICE},code!~"5..",le="+Inf"}[{{ interval }}])) / sum(rate(traefik_service_request_duration_seconds_bucket{${CANARY_SERVICE},le="+Inf"}[{{ interval }}])) * 100`,
        'request-duration': `histogram_quantile(0.99, sum(rate(traefik_service_request_duration_seconds_bucket{${CANARY_SERVICE}}[{{ interval }}])) by (le)) * 1000`,
      },
    },
  ],
};
