import { BUILTIN_MESHES } from '../BUILTIN_MESHES';
import { detectMeshProviders } from '../detectMeshProviders';
import { traefikMesh } from './traefikMesh';

describe('traefikMesh', () => {
  it("is discovered where the cluster serves traefik.io, not Traefik's older traefik.containo.us alone", () => {
    expect(traefikMesh.provider).toBe('traefik');
    expect(detectMeshProviders(BUILTIN_MESHES, ['traefik.io'])).toEqual([
      'traefik',
      'nginx',
      'kubernetes',
    ]);
    expect(
      detectMeshProviders(BUILTIN_MESHES, ['traefik.containo.us']),
    ).toEqual(['nginx', 'kubernetes']);
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
