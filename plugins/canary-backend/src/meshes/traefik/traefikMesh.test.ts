import { traefikMesh } from './traefikMesh';

describe('traefikMesh', () => {
  it('is discovered where the cluster serves traefik.io', () => {
    expect(traefikMesh.provider).toBe('traefik');
    expect(traefikMesh.apiGroups).toEqual(['traefik.io']);
  });

  it("measures the canary's Traefik service with Flagger's queries, one line each", () => {
    expect(traefikMesh.telemetry).toEqual([
      {
        name: 'traefik',
        builtinQueries: {
          'request-success-rate':
            'sum(rate(traefik_service_request_duration_seconds_bucket{service=~"{{ namespace }}-{{ service }}-canary-[0-9a-zA-Z-]+@kubernetescrd",code!~"5..",le="+Inf"}[{{ interval }}])) / sum(rate(traefik_service_request_duration_seconds_bucket{service=~"{{ namespace }}-{{ service }}-canary-[0-9a-zA-Z-]+@kubernetescrd",le="+Inf"}[{{ interval }}])) * 100',
          'request-duration':
            'histogram_quantile(0.99, sum(rate(traefik_service_request_duration_seconds_bucket{service=~"{{ namespace }}-{{ service }}-canary-[0-9a-zA-Z-]+@kubernetescrd"}[{{ interval }}])) by (le)) * 1000',
        },
      },
    ]);
  });
});
